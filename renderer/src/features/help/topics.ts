import { assertNever } from '../../../../shared/result';
import type { Screen } from '../../store/app';

/** What the help is about: a screen of the top bar, or the customer being attended (their handover form or acta). */
export type HelpContext = Screen | 'handover' | 'acta';

export interface HelpTopic {
  title: string;
  /** Short paragraphs: what the screen is for and what to do first. */
  body: string[];
  /** Keys that work on this screen, with what they do. */
  keys: [string, string][];
}

/** Keys that work everywhere in the signed-in app. */
export const GLOBAL_KEYS: [string, string][] = [
  ['F1', 'Abre esta ayuda'],
  ['F2 o Ctrl+K', 'Vuelve a Buscar con el cursor en la caja de búsqueda'],
  ['Esc', 'Cierra la ayuda o el diálogo abierto'],
];

/** Short Spanish help per screen, written for the person at the counter; one switch so a new screen cannot miss its text. */
export function helpTopic(context: HelpContext): HelpTopic {
  switch (context) {
    case 'search':
      return {
        title: 'Buscar',
        body: [
          'Escriba la cédula, RUC, pasaporte, número de servicio, serie o apellidos del cliente; los resultados aparecen mientras escribe.',
          'La ficha del cliente muestra lo que debe por servicio, lo pendiente primero y el valor total adeudado.',
        ],
        keys: [
          ['↑ / ↓', 'Recorre los resultados'],
          ['Enter', 'Abre la ficha del resultado elegido'],
          ['F4', 'Registra la entrega del cliente abierto'],
        ],
      };
    case 'handover':
      return {
        title: 'Registrar entrega',
        body: [
          'Escanee o escriba la serie de cada equipo y pulse Enter: el equipo queda marcado. Una serie que no está en la base se agrega como equipo no listado, con nota.',
          'Indique quién entrega (el titular o un tercero con su identificación) y guarde: se genera el acta para imprimir y firmar.',
        ],
        keys: [
          ['Enter', 'Marca la serie escaneada'],
          ['Ctrl+Enter', 'Guarda y genera el acta (pide confirmación)'],
          ['Esc', 'Cancela la entrega (pregunta si ya marcó algo)'],
        ],
      };
    case 'acta':
      return {
        title: 'Acta',
        body: ['Imprima el acta en dos ejemplares: el original es para el cliente y la copia para CNT, ambos firmados.', 'Un coordinador puede anular un acta indicando el motivo; el acta anulada se conserva.'],
        keys: [['Esc', 'Vuelve a Buscar']],
      };
    case 'actas':
      return { title: 'Actas', body: ['Lista las actas de la estación por fecha; filtre por cliente o número y abra una para verla o reimprimirla.'], keys: [] };
    case 'avance':
      return { title: 'Avance', body: ['Muestra cuánto de la base se ha recuperado: equipos, valores y actas por día y estación. Use Imprimir para llevarlo en A4.'], keys: [] };
    case 'cierre':
      return {
        title: 'Cierre del día',
        body: [
          'Elija el día: cada línea muestra lo que las actas dicen que recibió cada asesor (equipos por tipo y accesorios). Escriba lo que cuenta físicamente; las diferencias se marcan con ≠ y en palabras.',
          'Guarde el borrador para seguir después. «Firmar cierre» guarda las cifras de ese momento y ya no se puede cambiar; un acta anulada o registrada después aparece como diferencia.',
        ],
        keys: [['Tab', 'Pasa al conteo de la línea siguiente']],
      };
    case 'respaldos':
      return { title: 'Respaldos', body: ['Revise cada respaldo presentado junto al registro de la base y acéptelo o rechácelo con el motivo. También puede importar correos guardados (.eml).'], keys: [] };
    case 'import':
      return { title: 'Importar base', body: ['Elija el archivo de la base (Excel o CSV), revise la vista previa y confirme. Las filas rechazadas quedan en un informe.'], keys: [['Esc', 'Cancela la importación en curso']] };
    case 'paquete':
      return { title: 'Enviar a Posventa', body: ['Genera el paquete cifrado con las actas y respaldos de esta oficina para enviarlo a Posventa.'], keys: [] };
    case 'consolidacion':
      return { title: 'Consolidación', body: ['Reciba los paquetes de las oficinas, resuelva los conflictos abiertos y genere la depuración y los lotes de facturación.'], keys: [['← / →', 'Cambia de pestaña']] };
    case 'actualizaciones':
      // The same screen publishes at Posventa's central and applies at an office: the help speaks to both.
      return {
        title: 'Actualizaciones',
        body: [
          'En una oficina: aplique las actualizaciones nacionales de Posventa para que la base de esta oficina conozca lo entregado en otras.',
          'En la central de Posventa: publique la actualización, completa o solo con lo cambiado desde una anterior, y hágala llegar a todas las oficinas.',
        ],
        keys: [],
      };
    case 'tareas':
      return { title: 'Tareas', body: ['Historial de las tareas largas (importaciones, paquetes, depuraciones) con su resultado.'], keys: [] };
    case 'users':
      return { title: 'Usuarios', body: ['Cree usuarios con su perfil, cambie su perfil, restablezca su contraseña o desactívelos.'], keys: [] };
    case 'auditoria':
      return { title: 'Auditoría', body: ['Consulte quién hizo qué y cuándo; filtre por fechas, usuario, acción o cliente y verifique que el registro no fue alterado.'], keys: [] };
    case 'settings':
      return { title: 'Configuración', body: ['Según su perfil: datos de la campaña, mensajes IVR y WhatsApp, carpeta compartida con Posventa, copias de seguridad, identidad de la estación y diagnóstico para soporte.'], keys: [] };
    default:
      return assertNever(context);
  }
}
