import { beforeAll, describe, expect, it } from "vitest";

import {
  createdAssessmentSchema,
  storedAssessmentSchema,
} from "../../api/schemas.ts";
import { content } from "../../src/generated/content.ts";
import {
  postAssessment,
  useTestApi,
  validSubmission,
} from "../support/api-harness.ts";

interface Operation {
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<
    string,
    { content?: Record<string, { schema: { $ref?: string } }> }
  >;
  security?: Record<string, string[]>[];
}

interface OpenApiDocument {
  info: { version: string };
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, { properties?: Record<string, unknown> }>;
    securitySchemes?: Record<string, { type: string; scheme: string }>;
  };
}

const api = useTestApi();
let document: OpenApiDocument;

beforeAll(async () => {
  const response = await api.app.request("/api/openapi.json");
  expect(response.status).toBe(200);
  document = (await response.json()) as OpenApiDocument;
});

const errorRef = "#/components/schemas/Error";
const schemaOf = (operation: Operation | undefined, status: string) =>
  operation?.responses[status]?.content?.["application/json"]?.schema.$ref;

describe("GET /api/openapi.json", () => {
  it("documents every error status with the JSON error body", () => {
    const documented = new Set<string>();
    for (const operations of Object.values(document.paths)) {
      for (const operation of Object.values(operations)) {
        for (const status of Object.keys(operation.responses)) {
          if (schemaOf(operation, status) === errorRef) documented.add(status);
        }
      }
    }

    for (const status of [
      "400",
      "403",
      "404",
      "409",
      "413",
      "415",
      "422",
      "429",
      "503",
    ]) {
      expect(documented, status).toContain(status);
    }
  });

  it("documents each route's own errors", () => {
    const create = document.paths["/api/assessments"]?.post;
    const read = document.paths["/api/assessments/{id}"]?.get;
    const remove = document.paths["/api/assessments/{id}"]?.delete;

    expect(Object.keys(create?.responses ?? {}).sort()).toEqual([
      "200",
      "201",
      "400",
      "409",
      "413",
      "415",
      "422",
      "429",
      "500",
      "503",
    ]);
    expect(Object.keys(read?.responses ?? {}).sort()).toEqual([
      "200",
      "400",
      "404",
      "429",
      "500",
      "503",
    ]);
    expect(schemaOf(remove, "403")).toBe(errorRef);
  });

  it("describes the body with the shared schema, question by question", () => {
    const create = document.paths["/api/assessments"]?.post;
    const submission = document.components.schemas.Submission;
    const answers = submission?.properties?.answers as {
      properties: Record<string, { enum: string[] }>;
      required: string[];
    };
    const [first] = content.questions;

    expect(create?.requestBody?.content["application/json"]?.schema.$ref).toBe(
      "#/components/schemas/Submission",
    );
    expect(answers.required).toHaveLength(content.questions.length);
    expect(answers.properties[first!.id]?.enum).toEqual(
      first!.options.map((option) => option.id),
    );
  });

  it("documents the deletion token as a bearer scheme on DELETE", () => {
    const remove = document.paths["/api/assessments/{id}"]?.delete;

    expect(remove?.security).toEqual([{ deletionToken: [] }]);
    expect(document.components.securitySchemes?.deletionToken).toMatchObject({
      type: "http",
      scheme: "bearer",
    });
  });

  it("documents the lead, admin and settings routes with their errors", () => {
    const lead = document.paths["/api/leads"]?.post;
    const list = document.paths["/api/admin/leads"]?.get;
    const csv = document.paths["/api/admin/leads.csv"]?.get;
    const settings = document.paths["/api/settings"]?.get;

    expect(Object.keys(lead?.responses ?? {}).sort()).toEqual([
      "200",
      "201",
      "202",
      "400",
      "404",
      "409",
      "413",
      "415",
      "429",
      "500",
      "503",
    ]);
    expect(lead?.requestBody?.content["application/json"]?.schema.$ref).toBe(
      "#/components/schemas/LeadSubmission",
    );
    for (const admin of [list, csv]) {
      expect(admin?.security).toEqual([{ adminToken: [] }]);
      expect(schemaOf(admin, "401")).toBe(errorRef);
      expect(schemaOf(admin, "400")).toBe(errorRef);
    }
    expect(settings?.responses["200"]).toBeDefined();
    expect(document.components.securitySchemes?.adminToken).toMatchObject({
      type: "http",
      scheme: "bearer",
    });
  });

  it("names the content version it validates against", () => {
    expect(document.info.version).toBe(content.version);
  });
});

describe("the documented response schemas", () => {
  it("match what the API really answers", async () => {
    const submission = validSubmission();
    const created: unknown = await (
      await postAssessment(api.app, submission)
    ).json();
    const read: unknown = await (
      await api.app.request(`/api/assessments/${submission.id}`)
    ).json();

    expect(
      createdAssessmentSchema.strict().safeParse(created).error,
    ).toBeUndefined();
    expect(
      storedAssessmentSchema.strict().safeParse(read).error,
    ).toBeUndefined();
  });
});
