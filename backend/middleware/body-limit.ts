import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import { ApiError } from '../errors';

/** Refuses bodies over `maxBytes`, whether or not the client declared a Content-Length. */
export function bodyLimit(maxBytes: number) {
  return honoBodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError('PAYLOAD_TOO_LARGE', `The request body is over ${Math.round(maxBytes / 1024)} KB. Send less at once (split a sync batch in two).`);
    },
  });
}
