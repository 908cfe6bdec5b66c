import { lazy, type ComponentType } from 'react';
import { can, type Role } from '../../../shared/roles';
import { DayActas } from '../features/actas/DayActas';
import { DailyClose } from '../features/dailyClose/DailyClose';
import { AuditLog } from '../features/audit/AuditLog';
import { ReviewBackups } from '../features/backups/ReviewBackups';
import { ImportBase } from '../features/import/ImportBase';
import { JobHistory } from '../features/jobs/JobHistory';
import { Search } from '../features/search/Search';
import { Settings } from '../features/settings/Settings';
import { Consolidation } from '../features/sync/Consolidation';
import { ExportPackage } from '../features/sync/ExportPackage';
import { NationalUpdates } from '../features/updates/NationalUpdates';
import { Users } from '../features/users/Users';
import type { Screen } from '../store/app';

export interface Route {
  screen: Screen;
  /** The entry in the top bar. */
  label: string;
  /** Who sees the entry and may open the screen, and on which station (`central`: Posventa's). */
  allowed: (role: Role, central: boolean) => boolean;
  Component: ComponentType;
}

const everyone = () => true;

/**
 * Avance carries the charting library (about half of the interface's code); only coordinators,
 * Posventa and the administrator open it, so it loads the first time someone does.
 */
const Progress = lazy(() => import('../features/progress/Progress').then((m) => ({ default: m.Progress })));

/** The screens of the top bar, in its order; one place says who may open each. */
export const ROUTES: Route[] = [
  { screen: 'search', label: 'Buscar', allowed: everyone, Component: Search },
  { screen: 'actas', label: 'Actas', allowed: everyone, Component: DayActas },
  { screen: 'avance', label: 'Avance', allowed: (r) => can(r, 'progress'), Component: Progress },
  { screen: 'cierre', label: 'Cierre del día', allowed: (r) => can(r, 'dailyClose'), Component: DailyClose },
  { screen: 'respaldos', label: 'Respaldos', allowed: (r) => can(r, 'review'), Component: ReviewBackups },
  { screen: 'import', label: 'Importar base', allowed: (r) => can(r, 'import'), Component: ImportBase },
  { screen: 'paquete', label: 'Enviar a Posventa', allowed: (r, central) => can(r, 'export') && !central, Component: ExportPackage },
  { screen: 'consolidacion', label: 'Consolidación', allowed: (r) => can(r, 'consolidate'), Component: Consolidation },
  { screen: 'actualizaciones', label: 'Actualizaciones', allowed: (r) => can(r, 'import') || can(r, 'consolidate'), Component: NationalUpdates },
  { screen: 'tareas', label: 'Tareas', allowed: (r) => can(r, 'import'), Component: JobHistory },
  { screen: 'users', label: 'Usuarios', allowed: (r) => can(r, 'users'), Component: Users },
  { screen: 'auditoria', label: 'Auditoría', allowed: (r) => can(r, 'audit'), Component: AuditLog },
  { screen: 'settings', label: 'Configuración', allowed: everyone, Component: Settings },
];
