import { z } from 'zod';
import { ErrorBody } from './errors';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface OperationDoc {
  summary: string;
  tags: string[];
  /** The JSON body the operation takes. */
  body?: z.ZodType;
  /** A response either has a schema or is the shared error body. */
  responses: Record<number, { description: string; schema?: z.ZodType; error?: true }>;
}

/** What a route module documents: its paths as mounted, each method with zod schemas (the same ones that validate). */
export type RouteDocs = Record<string, Partial<Record<Method, OperationDoc>>>;

const json = (schema: z.ZodType) => ({ 'application/json': { schema: z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) } });

/** An OpenAPI 3.1 document built from the routes' zod schemas: no hand-written twin to drift. */
export function openApiDocument(version: string, docs: RouteDocs[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const routeDocs of docs) {
    for (const [path, methods] of Object.entries(routeDocs)) {
      for (const [method, op] of Object.entries(methods) as [Method, OperationDoc][]) {
        const responses: Record<string, unknown> = {};
        for (const [status, r] of Object.entries(op.responses)) {
          responses[status] = { description: r.description, ...(r.schema ? { content: json(r.schema) } : r.error ? { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } : {}) };
        }
        (paths[path] ??= {})[method] = {
          summary: op.summary,
          tags: op.tags,
          ...(op.body ? { requestBody: { required: true, content: json(op.body) } } : {}),
          responses: {
            ...responses,
            // every operation can be refused by the shared middleware
            429: { description: 'Too many requests (RATE_LIMITED)', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
          },
        };
      }
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'CVPath API', version, description: 'Errors answer `{ error: { code, message } }`; codes are shared with the extension (shared/errors).' },
    paths,
    components: { schemas: { Error: z.toJSONSchema(ErrorBody) } },
  };
}
