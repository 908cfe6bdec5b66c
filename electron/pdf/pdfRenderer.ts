/** Turns the acta's HTML into a PDF: Electron's printToPDF in the app, Chromium elsewhere. */
export interface PdfRenderer {
  render(html: string): Promise<Buffer>;
  close(): Promise<void>;
}
