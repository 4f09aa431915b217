import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { App } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";

import { addReadinessStack } from "../../../infra/lib/readiness-app.ts";
import type { ReadinessStack } from "../../../infra/lib/readiness-stack.ts";

/** A stack, its template, and the app it was synthesized in. */
export interface Synthesized {
  app: App;
  stack: ReadinessStack;
  template: Template;
}

/** A well-formed ACM certificate ARN in us-east-1, for context. */
export const certificateArn =
  "arn:aws:acm:us-east-1:123456789012:certificate/" +
  "0a1b2c3d-4e5f-6789-abcd-ef0123456789";

let builtSite: string | undefined;

/**
 * A small stand-in for Vite's output: a page, a hashed asset, an
 * unhashed file, and a Lambda bundle that must never be uploaded.
 * Made once per test file, so tests do not depend on `npm run build`.
 */
export function siteFixture(): string {
  if (builtSite) return builtSite;

  const dir = mkdtempSync(join(tmpdir(), "readiness-site-"));
  mkdirSync(join(dir, "assets"));
  mkdirSync(join(dir, "lambda"));
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>x</title>");
  writeFileSync(join(dir, "favicon.svg"), "<svg/>");
  writeFileSync(join(dir, "assets", "index-3f9a1c.js"), "export {};");
  writeFileSync(join(dir, "lambda", "index.mjs"), "export {};");

  builtSite = dir;
  return dir;
}

/** A folder with no build in it, as before `npm run build`. */
export function emptySiteDir(): string {
  return mkdtempSync(join(tmpdir(), "readiness-empty-"));
}

/**
 * Synthesizes the product's stack the way `infra/bin/app.ts` does, with
 * the given CDK context and the site fixture (or another site folder).
 */
export function synthesize(
  context: Record<string, unknown> = {},
  siteDir: string = siteFixture(),
): Synthesized {
  const app = new App({ context });
  const stack = addReadinessStack(app, { siteDir });
  return { app, stack, template: Template.fromStack(stack) };
}

/** The properties of every resource of one type in the template. */
export function propertiesOf(
  template: Template,
  type: string,
): Record<string, unknown>[] {
  const resources = template.findResources(type) as Record<
    string,
    { Properties?: Record<string, unknown> }
  >;
  return Object.values(resources).map((resource) => resource.Properties ?? {});
}

/**
 * The logical id of the one resource of a type, among those whose
 * properties match `properties` when given, or a failed test.
 */
export function logicalIdOf(
  template: Template,
  type: string,
  properties?: Record<string, unknown>,
): string {
  const pattern = properties && { Properties: Match.objectLike(properties) };
  const ids = Object.keys(template.findResources(type, pattern));
  if (ids.length !== 1) {
    throw new Error(`expected one ${type}, found ${ids.length}`);
  }
  return ids[0]!;
}

/** One resource of the template, by logical id. */
export function resourceOf(
  template: Template,
  logicalId: string,
): { Properties: Record<string, unknown>; DependsOn?: string[] } {
  const resources = template.toJSON() as {
    Resources: Record<string, ReturnType<typeof resourceOf>>;
  };
  const resource = resources.Resources[logicalId];
  if (!resource) throw new Error(`no resource ${logicalId}`);
  return resource;
}
