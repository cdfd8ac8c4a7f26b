import type { PdfjsModule } from '../../shared/documents/import';

/**
 * pdf.js for an extension page, loaded on first use only (it is large): the modern build with its worker served
 * from the extension bundle. Import this module dynamically; never from a page's initial code.
 */
let loading: Promise<PdfjsModule> | undefined;

export function loadPdfjs(): Promise<PdfjsModule> {
  loading ??= (async () => {
    const [pdfjs, worker] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]);
    pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
    return pdfjs as unknown as PdfjsModule;
  })().catch((e: unknown) => {
    loading = undefined;
    throw e;
  });
  return loading;
}
