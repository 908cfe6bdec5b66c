import { basename, relative, sep } from 'node:path';
import { auditAct } from './audit';
import { generatedDirs, type AppServices, type Session } from './services';

/**
 * A generated file (report, package, depuración file, update, diagnostics) handed to a person:
 * saved elsewhere from the app or downloaded in browser mode. The file may hold personal data,
 * so who took which file is recorded (the name only, never the contents).
 */
export function recordDownload(app: AppServices, session: Session, path: string): void {
  const dir = generatedDirs(app).find((d) => path.startsWith(d + sep));
  const shown = dir ? relative(dir, path) : basename(path);
  auditAct(app, session, {
    action: 'ARCHIVO_DESCARGADO',
    description: `Descargó el archivo ${shown}`,
    targetKind: 'archivo',
    targetId: basename(path),
    detail: { path },
  });
}
