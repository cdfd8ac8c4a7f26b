/** Document export: the ATS-safe CV PDF (V1/V2), its round-trip gate, and the cover letter (PDF and DOCX). */
export { FONT_FILES, loadFonts, loadFontsAsync, type FontSet } from './fonts';
export { PAGES, type PaperFormat } from './layout';
export {
  buildCvModel, expectedItems, layoutCvPdf, renderCvPdf, sectionOrder, SECTION_HEADINGS,
  type CvEngine, type CvModel, type CvPdfOptions, type ExpectedItem,
} from './cv-pdf';
export {
  checkExtractedText, checkPdfRoundTrip, exportCvPdf, pdfjsPages, pdfjsTextExtractor,
  type ExportCvOptions, type ExtractedPage, type PdfJsLike, type RoundTripOptions, type RoundTripResult, type TextExtractor,
} from './round-trip';
export {
  buildCoverLetter, renderCoverLetterPdf,
  type CoverLetter, type CoverLetterEvidence, type CoverLetterInput, type CoverLetterPdfOptions,
} from './cover-letter';
export { cleanText, formatDate, formatDateRange } from './text';
