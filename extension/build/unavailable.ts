/**
 * Stands in for jsPDF's optional HTML and SVG renderers (html2canvas, canvg, dompurify). CVPath draws its PDFs from
 * text with jsPDF's own API and never calls `doc.html()` or `addSvgAsImage()`, so these ~330 KB stay out of the
 * extension. If a future change calls them, this says so plainly instead of failing somewhere inside jsPDF.
 */
const unavailable = () => {
  throw new Error('This jsPDF feature (HTML/SVG rendering) is not bundled in the CVPath extension.');
};
export default unavailable;
export { unavailable as Canvg, unavailable as sanitize };
