import { describe, expect, it } from "vitest";

import type {
  CreatedAssessment,
  StoredAssessment,
} from "../../src/core/submission.ts";
import {
  buildTestApp,
  errorOf,
  postAssessment,
  someAnswers,
  useTestApi,
  validSubmission,
} from "../support/api-harness.ts";

const api = useTestApi();

async function createOne(target = api.app, submission = validSubmission()) {
  const response = await postAssessment(target, submission);
  expect(response.status).toBe(201);
  return (await response.json()) as CreatedAssessment;
}

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

function deleteWith(id: string, headers: Record<string, string> = {}) {
  return api.app.request(`/api/assessments/${id}`, {
    method: "DELETE",
    headers,
  });
}

describe("GET /api/assessments/{id}", () => {
  it("returns the result as it was stored, without the deletion token", async () => {
    const created = await createOne();

    const response = await api.app.request(`/api/assessments/${created.id}`);
    const body = (await response.json()) as StoredAssessment;

    expect(response.status).toBe(200);
    const { deletionToken: _token, ...stored } = created;
    expect(body).toEqual(stored);
  });

  it("answers 404 not_found for an id never stored", async () => {
    const response = await api.app.request(
      `/api/assessments/${crypto.randomUUID()}`,
    );

    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe("not_found");
  });

  it("answers 400 invalid_id for an id that is not a UUID", async () => {
    const response = await api.app.request("/api/assessments/12345");
    const error = await errorOf(response);

    expect(response.status).toBe(400);
    expect(error.code).toBe("invalid_id");
    expect(error.issues).toEqual([expect.objectContaining({ path: ["id"] })]);
  });
});

describe("a result past its retention", () => {
  it("is not found on read, although the engine still holds it", async () => {
    const { app: lastYear } = buildTestApp(api.db.store, {
      now: () => daysAgo(365),
      env: { RETENTION_DAYS: "180" },
    });
    const created = await createOne(lastYear);

    const response = await api.app.request(`/api/assessments/${created.id}`);

    expect(response.status).toBe(404);
    expect(await api.db.readItem(created.id)).toBeDefined();
  });

  it("is replaced when its id is submitted again", async () => {
    const { app: lastYear } = buildTestApp(api.db.store, {
      now: () => daysAgo(365),
    });
    const old = await createOne(lastYear);

    const again = await postAssessment(api.app, {
      id: old.id,
      contentVersion: old.contentVersion,
      answers: someAnswers(4),
    });

    expect(again.status).toBe(201);
    expect((await api.db.readItem(old.id))?.answers).toEqual(someAnswers(4));
  });

  it("cannot be deleted, since it no longer exists for readers", async () => {
    const { app: lastYear } = buildTestApp(api.db.store, {
      now: () => daysAgo(365),
    });
    const old = await createOne(lastYear);

    const response = await deleteWith(old.id, {
      authorization: `Bearer ${old.deletionToken}`,
    });

    expect(response.status).toBe(404);
  });
});

describe("DELETE /api/assessments/{id}", () => {
  it("removes the result with the right bearer token", async () => {
    const created = await createOne();

    const response = await deleteWith(created.id, {
      authorization: `Bearer ${created.deletionToken}`,
    });

    expect(response.status).toBe(204);
    expect(await api.db.readItem(created.id)).toBeUndefined();
    const read = await api.app.request(`/api/assessments/${created.id}`);
    expect(read.status).toBe(404);
  });

  it("accepts the token in X-Deletion-Token too", async () => {
    const created = await createOne();

    const response = await deleteWith(created.id, {
      "x-deletion-token": created.deletionToken,
    });

    expect(response.status).toBe(204);
    expect(await api.db.readItem(created.id)).toBeUndefined();
  });

  it("answers 403 for a wrong token and deletes nothing", async () => {
    const created = await createOne();
    const other = await createOne();

    const response = await deleteWith(created.id, {
      authorization: `Bearer ${other.deletionToken}`,
    });

    expect(response.status).toBe(403);
    expect((await errorOf(response)).code).toBe("forbidden");
    expect(await api.db.readItem(created.id)).toBeDefined();
  });

  it("answers 403 without a token and deletes nothing", async () => {
    const created = await createOne();

    const response = await deleteWith(created.id);

    expect(response.status).toBe(403);
    expect(await api.db.readItem(created.id)).toBeDefined();
  });

  it("answers 404 for an id never stored", async () => {
    const response = await deleteWith(crypto.randomUUID(), {
      authorization: "Bearer anything",
    });

    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe("not_found");
  });

  it("answers 404 the second time", async () => {
    const created = await createOne();
    const headers = { authorization: `Bearer ${created.deletionToken}` };
    await deleteWith(created.id, headers);

    const again = await deleteWith(created.id, headers);

    expect(again.status).toBe(404);
  });
});
