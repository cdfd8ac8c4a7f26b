/** Tag of the one element CVPath adds to a page. Everything else lives in its shadow root. */
export const HOST_TAG = 'cvpath-control';
