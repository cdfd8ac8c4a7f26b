import { CvPathError } from '../../shared/errors';

/** A record the caller named is gone, usually deleted in another tab or window of the extension. */
export function notFound(what: string, hint = 'Reload this page: it may show something that was deleted elsewhere.'): CvPathError {
  return new CvPathError('INPUT_INVALID', `${what} no longer exists.`, { hint });
}
