import { assertNever } from './result';
import type { Role } from './roles';

/**
 * What the audit log records: every change and every read of personal data a controller would ask
 * about. The code is stored; the label is what people read in the Auditoría screen and its export.
 */
export const AUDIT_ACTIONS = [
  'SESION_INICIADA',
  'SESION_FALLIDA',
  'SESION_CERRADA',
  'SESION_BLOQUEADA',
  'SESION_DESBLOQUEADA',
  'USUARIO_CREADO',
  'USUARIO_EDITADO',
  'USUARIO_DESACTIVADO',
  'USUARIO_REACTIVADO',
  'CLAVE_RESTABLECIDA',
  'CLAVE_CAMBIADA',
  'CONFIGURACION_CAMBIADA',
  'CLAVE_RECUPERACION_MOSTRADA',
  'ESTACION_CONFIGURADA',
  'CLAVE_ESTACION',
  'BASE_IMPORTADA',
  'LISTA_IMPORTADA',
  'ACTA_GUARDADA',
  'ACTA_ANULADA',
  'ACTA_REIMPRESA',
  'ACTA_ABIERTA',
  'ACTA_DOCUMENTOS_ADJUNTOS',
  'RESPALDO_REGISTRADO',
  'RESPALDO_REVISADO',
  'DOCUMENTO_ABIERTO',
  'DOCUMENTOS_PURGADOS',
  'FICHA_ABIERTA',
  'ARCHIVO_DESCARGADO',
  'PAQUETE_EXPORTADO',
  'CONSOLIDACION',
  'PAQUETE_RECHAZADO',
  'ACTUALIZACION_PUBLICADA',
  'ACTUALIZACION_APLICADA',
  'CONFLICTO_RESUELTO',
  'DEPURACION_GENERADA',
  'LOTE_ENVIADO',
  'LOTE_CONFIRMADO',
  'RESPALDO_BD_CREADO',
  'BD_RESTAURADA',
  'AUDITORIA_EXPORTADA',
  'CIERRE_GUARDADO',
  'CIERRE_FIRMADO',
  'CIERRE_EXPORTADO',
  'CAMPANA_INICIADA',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function auditActionLabel(action: AuditAction): string {
  switch (action) {
    case 'SESION_INICIADA':
      return 'Inicio de sesión';
    case 'SESION_FALLIDA':
      return 'Inicio de sesión fallido';
    case 'SESION_CERRADA':
      return 'Cierre de sesión';
    case 'SESION_BLOQUEADA':
      return 'Pantalla bloqueada por inactividad';
    case 'SESION_DESBLOQUEADA':
      return 'Pantalla desbloqueada';
    case 'USUARIO_CREADO':
      return 'Usuario creado';
    case 'USUARIO_EDITADO':
      return 'Usuario modificado';
    case 'USUARIO_DESACTIVADO':
      return 'Usuario desactivado';
    case 'USUARIO_REACTIVADO':
      return 'Usuario reactivado';
    case 'CLAVE_RESTABLECIDA':
      return 'Contraseña restablecida';
    case 'CLAVE_CAMBIADA':
      return 'Contraseña cambiada';
    case 'CONFIGURACION_CAMBIADA':
      return 'Configuración cambiada';
    case 'CLAVE_RECUPERACION_MOSTRADA':
      return 'Clave de recuperación mostrada';
    case 'ESTACION_CONFIGURADA':
      return 'Estación configurada';
    case 'CLAVE_ESTACION':
      return 'Llave de estación';
    case 'BASE_IMPORTADA':
      return 'Base importada';
    case 'LISTA_IMPORTADA':
      return 'Lista de entregas importada';
    case 'ACTA_GUARDADA':
      return 'Acta guardada';
    case 'ACTA_ANULADA':
      return 'Acta anulada';
    case 'ACTA_REIMPRESA':
      return 'Acta reimpresa';
    case 'ACTA_ABIERTA':
      return 'PDF de acta abierto';
    case 'ACTA_DOCUMENTOS_ADJUNTOS':
      return 'Documentos del tercero adjuntados al acta';
    case 'RESPALDO_REGISTRADO':
      return 'Respaldo registrado';
    case 'RESPALDO_REVISADO':
      return 'Respaldo revisado';
    case 'DOCUMENTO_ABIERTO':
      return 'Documento de respaldo abierto';
    case 'DOCUMENTOS_PURGADOS':
      return 'Documentos de respaldo eliminados por retención';
    case 'FICHA_ABIERTA':
      return 'Ficha de cliente abierta';
    case 'ARCHIVO_DESCARGADO':
      return 'Archivo descargado';
    case 'PAQUETE_EXPORTADO':
      return 'Paquete exportado';
    case 'CONSOLIDACION':
      return 'Consolidación';
    case 'PAQUETE_RECHAZADO':
      return 'Paquete rechazado al consolidar';
    case 'ACTUALIZACION_PUBLICADA':
      return 'Actualización nacional publicada';
    case 'ACTUALIZACION_APLICADA':
      return 'Actualización nacional aplicada';
    case 'CONFLICTO_RESUELTO':
      return 'Conflicto resuelto';
    case 'DEPURACION_GENERADA':
      return 'Depuración generada';
    case 'LOTE_ENVIADO':
      return 'Lote enviado a facturación';
    case 'LOTE_CONFIRMADO':
      return 'Lote confirmado por facturación';
    case 'RESPALDO_BD_CREADO':
      return 'Copia de seguridad de la base';
    case 'BD_RESTAURADA':
      return 'Base restaurada desde copia';
    case 'AUDITORIA_EXPORTADA':
      return 'Auditoría exportada';
    case 'CIERRE_GUARDADO':
      return 'Conteo del cierre del día guardado';
    case 'CIERRE_FIRMADO':
      return 'Cierre del día firmado';
    case 'CIERRE_EXPORTADO':
      return 'Cierre del día impreso o exportado';
    case 'CAMPANA_INICIADA':
      return 'Campaña nueva iniciada';
    default:
      return assertNever(action);
  }
}

/** Who did it, as known when it happened: the entry keeps the name even if the user is renamed later. */
export interface AuditActor {
  id: string;
  username: string;
  fullName: string;
  role: Role | null;
}

/** What a caller records; the repository adds the station, the time, the sequence and the hashes. */
export interface AuditEvent {
  action: AuditAction;
  /** A short Spanish sentence a controller reads as is ("Anuló el acta UIO-…-000012: cliente desistió"). */
  description: string;
  targetKind?: 'usuario' | 'acta' | 'cliente' | 'servicio' | 'respaldo' | 'documento' | 'archivo' | 'paquete' | 'actualizacion' | 'conflicto' | 'lote' | 'configuracion' | 'estacion' | 'copia' | 'importacion' | 'cierre' | 'campana';
  targetId?: string | null;
  customerId?: string | null;
  /** Structured facts behind the description (old → new for a change); JSON-serialisable. */
  detail?: Record<string, unknown> | null;
}
