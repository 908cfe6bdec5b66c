import { z } from 'zod';

// Zod compiles object parsers with `new Function` once it has probed that eval works; under the
// page's CSP (no 'unsafe-eval') the probe fails harmlessly but is reported as a CSP violation.
// Imported first by main.tsx, before any schema is built: the renderer parses little and needs
// no compiled parsers.
z.config({ jitless: true });
