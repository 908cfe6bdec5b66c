/** What `npm run cli` prints for --ayuda, an unknown command or a missing option: every command and its options. */
export const USAGE = `Uso: npm run -s cli -- COMANDO [opciones]

Comandos:
  iniciar --db RUTA --estacion CODIGO --oficina NOMBRE [--regional R] [--ciudad C]
          [--usuario U --nombre "NOMBRE COMPLETO" --clave CLAVE] [--central | --central-identidad ARCHIVO] [--json]
  importar-base ARCHIVO --db RUTA [--json] [--vista-previa]
  buscar TEXTO --db RUTA [--json] [--limite N]
  demo --db RUTA --clientes N [--semilla S] [--xlsx ARCHIVO]
  acta NUMERO --db RUTA --pdf ARCHIVO
  verificar TEXTO --db RUTA [--json]
  importar-correos CARPETA --db RUTA [--json]
  importar-entregas ARCHIVO --db RUTA [--json] [--vista-previa]
  exportar --db RUTA --salida CARPETA [--desde AAAA-MM-DD] [--hasta AAAA-MM-DD] [--documentos] [--json]
  consolidar PAQUETE... --db RUTA [--json]
  conflictos --db RUTA [--json] [--todos]
  resolver-conflicto ID --decision una-acta|ambas|renumerar|vincular|mantener|renombrar --motivo TEXTO --db RUTA [--json]
                     [--acta NUMERO] [--servicio NUMERO] [--estacion-id ID --codigo CODIGO]
  depurar --db RUTA --salida CARPETA [--json]
  publicar --db RUTA --salida CARPETA [--desde N] [--json]
  actualizar ARCHIVO.recupera-nacional --db RUTA [--json]
  lote DEP-AAAA-NNNN --enviado|--confirmado --db RUTA [--json]
  lotes --db RUTA [--json]
  diagnostico --db RUTA --salida CARPETA [--json]
  identidad --db RUTA --salida ARCHIVO [--json]
  confiar-central ARCHIVO --db RUTA [--json] [--motivo TEXTO]
  registrar-estacion ARCHIVO --db RUTA [--json] [--motivo TEXTO]
  estaciones --db RUTA [--json]
  usuarios --db RUTA [--json]
  usuario-nuevo USUARIO --nombre "NOMBRE COMPLETO" --perfil ASESOR|COORDINADOR|POSVENTA|ADMIN --clave CLAVE --db RUTA [--json]
  usuario-editar USUARIO [--nombre "NOMBRE COMPLETO"] [--perfil PERFIL] --db RUTA [--json]
  usuario-desactivar USUARIO --db RUTA [--json]
  usuario-reactivar USUARIO --db RUTA [--json]
  usuario-clave USUARIO --db RUTA [--clave TEMPORAL] [--json]
  auditoria --db RUTA [--desde AAAA-MM-DD] [--hasta AAAA-MM-DD] [--usuario U] [--accion A] [--cliente CEDULA] [--estacion CODIGO] [--json]
  auditoria --db RUTA --verificar [--json]
  respaldar-bd --db RUTA --salida ARCHIVO [--json]
  restaurar-bd ARCHIVO --db RUTA [--clave-recuperacion TEXTO] [--json]
  avance --db RUTA [--desde AAAA-MM-DD] [--hasta AAAA-MM-DD] [--estacion CODIGO] [--json]

Todo comando acepta --clave-recuperacion TEXTO: abre la base con su clave de recuperación (otra
computadora, o el archivo .llave perdido) y vuelve a escribir el archivo .llave para este usuario.
`;
