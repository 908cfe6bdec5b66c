import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { CSP_META } from './electron/platform/csp';

const CSP_PLACEHOLDER = '%RECUPERA_CSP%';

/** The page's meta CSP is the one policy of electron/platform/csp.ts, not a second copy to keep in step. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'recupera-csp',
    transformIndexHtml(html) {
      if (!html.includes(CSP_PLACEHOLDER)) throw new Error(`renderer/index.html no tiene ${CSP_PLACEHOLDER}`);
      return html.replace(CSP_PLACEHOLDER, CSP_META);
    },
  };
}

// The renderer is served from app://recupera/ in Electron and from the browser-mode server, so
// asset paths stay relative.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
    // Small assets stay files: a font or image inlined as data: would need a wider CSP.
    assetsInlineLimit: 0,
  },
});
