import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";

import type { Content } from "../../src/core/content/schema.ts";
import {
  createSubmissionSchema,
  type Submission,
} from "../../src/core/submission.ts";
import type { AppEnv } from "../app-env.ts";
import type { AssessmentService } from "../assessments/assessment-service.ts";
import { HttpError } from "../errors.ts";
import { jsonBody } from "../middleware/json-body.ts";
import {
  createdAssessmentSchema,
  documentedErrors,
  idParamsSchema,
  storedAssessmentSchema,
} from "../schemas.ts";

export interface AssessmentRoutesDeps {
  content: Content;
  service: AssessmentService;
}

/** The scheme name under which the deletion token is documented. */
export const deletionTokenScheme = "deletionToken";

/**
 * Registers `POST /api/assessments` and `GET` and `DELETE` of
 * `/api/assessments/{id}`, each documented in the OpenAPI document
 * with every response it can give.
 */
export function registerAssessmentRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: AssessmentRoutesDeps,
): void {
  app.openAPIRegistry.registerComponent(
    "securitySchemes",
    deletionTokenScheme,
    {
      type: "http",
      scheme: "bearer",
      description:
        "The deletionToken from the 201 answer. `X-Deletion-Token: <token>` " +
        "is accepted too.",
    },
  );

  registerCreate(app, deps);
  registerRead(app, deps.service);
  registerDelete(app, deps.service);
}

function registerCreate(app: OpenAPIHono<AppEnv>, deps: AssessmentRoutesDeps) {
  const submissionSchema = createSubmissionSchema(deps.content).openapi(
    "Submission",
  );

  const route = createRoute({
    method: "post",
    path: "/api/assessments",
    tags: ["assessments"],
    summary: "Score and store a finished assessment",
    description:
      "The server recomputes the score from the answers. Submitting the " +
      "same id and answers again is safe: it answers 200 with the stored " +
      "result, without the deletion token.",
    middleware: [jsonBody(), checkContentVersion(deps.content)] as const,
    request: {
      body: {
        required: true,
        content: { "application/json": { schema: submissionSchema } },
      },
    },
    responses: {
      201: {
        description: "Stored. The deletion token is shown this once only.",
        content: { "application/json": { schema: createdAssessmentSchema } },
      },
      200: {
        description:
          "Already stored with these answers: the stored result, " +
          "without the deletion token.",
        content: { "application/json": { schema: storedAssessmentSchema } },
      },
      ...documentedErrors([400, 409, 413, 415, 422, 429, 503]),
    },
  });

  app.openapi(route, async (c) => {
    const submission = c.req.valid("json") as Submission;
    const outcome = await deps.service.create(submission);
    return outcome.status === 201
      ? c.json(outcome.assessment, 201)
      : c.json(outcome.assessment, 200);
  });
}

/*
 * Checked before the body is validated: answers given against another
 * version of the questions cannot be judged by this one, and the
 * client should learn that it has to reload, not that answers are bad.
 */
function checkContentVersion(content: Content): MiddlewareHandler<AppEnv> {
  return async function requireCurrentVersion(c, next) {
    const body = c.get("jsonBody");
    const version =
      typeof body === "object" && body !== null && "contentVersion" in body
        ? body.contentVersion
        : undefined;

    if (typeof version === "string" && version !== content.version) {
      throw new HttpError(
        422,
        "unknown_content_version",
        `The questions have changed (now version ${content.version}); ` +
          "reload to answer the current ones.",
      );
    }
    await next();
  };
}

function registerRead(app: OpenAPIHono<AppEnv>, service: AssessmentService) {
  const route = createRoute({
    method: "get",
    path: "/api/assessments/{id}",
    tags: ["assessments"],
    summary: "Read a stored result",
    description:
      "The scores, levels and recommendations as computed when stored. " +
      "An expired or deleted result is not found.",
    request: { params: idParamsSchema },
    responses: {
      200: {
        description: "The stored result.",
        content: { "application/json": { schema: storedAssessmentSchema } },
      },
      ...documentedErrors([400, 404, 429, 503]),
    },
  });

  app.openapi(route, async (c) => {
    const { id } = c.req.valid("param");
    return c.json(await service.get(id), 200);
  });
}

function registerDelete(app: OpenAPIHono<AppEnv>, service: AssessmentService) {
  const route = createRoute({
    method: "delete",
    path: "/api/assessments/{id}",
    tags: ["assessments"],
    summary: "Delete a stored result with its deletion token",
    security: [{ [deletionTokenScheme]: [] }],
    request: {
      params: idParamsSchema,
      headers: z.object({
        "x-deletion-token": z.string().optional().openapi({
          description: "The deletion token, if Authorization is not used.",
        }),
      }),
    },
    responses: {
      204: { description: "Deleted." },
      ...documentedErrors([400, 403, 404, 429, 503]),
    },
  });

  app.openapi(route, async (c) => {
    const { id } = c.req.valid("param");
    await service.delete(id, deletionToken(c));
    return c.body(null, 204);
  });
}

function deletionToken(c: Context): string | undefined {
  const authorization = c.req.header("authorization");
  const bearer = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  return bearer ?? c.req.header("x-deletion-token");
}
