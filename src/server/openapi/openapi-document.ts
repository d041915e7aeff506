/**
 * The OpenAPI 3.1 description served at `/openapi.json`, built from the route definitions: the
 * MobiledgeX image endpoints from the task registry (`TASKS`) and the DeepStack endpoints from
 * `DEEPSTACK_ENDPOINTS`, so a new task or DeepStack endpoint appears without a second copy.
 * It covers the image APIs; the trainer, subjects, info and speed-test routes are described in
 * docs/face-recognition.md and docs/server.md.
 * @module
 */
import { TASKS } from "../../core/tasks/registry.ts";
import { DEEPSTACK_ENDPOINTS, type DeepstackEndpoint } from "../deepstack/deepstack-routes.ts";

/** Path of the document. */
export const OPENAPI_PATH = "/openapi.json";

const jsonError = { type: "object", properties: { success: { type: "boolean", const: false }, error: { type: "string" } } };

function mobiledgexOperation(label: string) {
  const image = { type: "string", format: "binary" };
  return {
    post: {
      tags: ["MobiledgeX"],
      summary: `${label} (MobiledgeX ComputerVision protocol)`,
      requestBody: {
        required: true,
        content: {
          "image/jpeg": { schema: image },
          "image/png": { schema: image },
          "multipart/form-data": { schema: { type: "object", required: ["image"], properties: { image } } },
          "application/x-www-form-urlencoded": {
            schema: { type: "object", required: ["image"], properties: { image: { type: "string", description: "Base64" } } },
          },
        },
      },
      responses: {
        "200": { description: "The task's JSON in Python json.dumps format, served as text/html; charset=utf-8" },
        "400": { description: "Bad request or undecodable image" },
        "501": { description: "Task not loaded on this server" },
        "503": { description: "Queue full (Retry-After)" },
      },
    },
  };
}

function deepstackOperation(endpoint: DeepstackEndpoint) {
  const properties: Record<string, unknown> = { api_key: { type: "string", description: "required when the server has --api-key" } };
  if (endpoint.admin) properties.admin_key = { type: "string", description: "the gallery secret (--admin-key = --trainer-token)" };
  for (const [name, kind] of Object.entries(endpoint.fields)) {
    properties[name] = kind === "file" ? { type: "string", format: "binary" } : { type: "string" };
  }
  const form = { schema: { type: "object", properties } };
  const errors = { description: "DeepStack-shaped error", content: { "application/json": { schema: jsonError } } };
  return {
    post: {
      tags: ["DeepStack"],
      summary: endpoint.summary,
      description: "Also served with a trailing slash.",
      requestBody: { content: { "multipart/form-data": form, "application/x-www-form-urlencoded": form } },
      responses: {
        "200": { description: "`{\"success\": true, ...}`", content: { "application/json": { schema: { type: "object" } } } },
        "400": errors,
        "401": errors,
        "403": errors,
        "503": errors,
      },
    },
  };
}

/**
 * Builds the document.
 *
 * @returns The OpenAPI object (`info.version` is the document's version, not the server's).
 * @example
 * ```ts
 * Object.keys(buildOpenApiDocument().paths); // ["/detector/detect/", …, "/v1/vision/face/delete"]
 * ```
 */
export function buildOpenApiDocument(): Record<string, unknown> {
  const version = "1";
  const paths: Record<string, unknown> = {};
  for (const task of TASKS) paths[task.endpoint] = mobiledgexOperation(task.label);
  for (const endpoint of DEEPSTACK_ENDPOINTS) paths[endpoint.path] = deepstackOperation(endpoint);
  return { openapi: "3.1.0", info: { title: "EdgeVision", version }, paths };
}
