import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const config = parse(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown>;

interface ObjectSchema {
  properties?: Record<string, { type?: string; anyOf?: Array<{ $ref?: string }> }>;
  additionalProperties?: boolean;
}
interface JsonSchema extends ObjectSchema {
  definitions: Record<string, ObjectSchema>;
}
const scheme = JSON.parse(readFileSync(join(require.resolve('app-builder-lib/package.json'), '..', 'scheme.json'), 'utf8')) as JsonSchema;

describe('electron-builder configuration', () => {
  it('flips the security fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeCliInspectArguments: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('uses only fuse names and types electron-builder accepts', () => {
    const fuses = scheme.definitions.FuseOptionsV1;
    expect(fuses?.additionalProperties).toBe(false);
    expect(scheme.properties?.electronFuses?.anyOf?.map((a) => a.$ref)).toContain('#/definitions/FuseOptionsV1');
    for (const [name, value] of Object.entries(config.electronFuses as Record<string, unknown>)) {
      expect(fuses?.properties?.[name]?.type, name).toBe('boolean');
      expect(typeof value, name).toBe('boolean');
    }
  });

  it('uses only top-level keys the schema knows', () => {
    expect(scheme.additionalProperties).toBe(false);
    for (const key of Object.keys(config)) expect(scheme.properties?.[key], key).toBeDefined();
  });

  it('packs the app in an asar (the fuses check it)', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toContain('dist/renderer/**');
  });
});
