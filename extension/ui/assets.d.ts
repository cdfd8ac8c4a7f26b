// Vite asset imports used by the extension pages (the root tsconfig does not load vite's client types).
declare module '*?url' {
  const url: string;
  export default url;
}
