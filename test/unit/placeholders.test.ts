import { describe, expect, it } from 'vitest';
import { DEFAULT_CAMPAIGN } from '../../shared/campaign';
import { campaignMarkProblems, PLACEHOLDERS, placeholderValues, unknownPlaceholders } from '../../shared/placeholders';

describe('the marks of the campaign texts', () => {
  it('knows exactly the marks the texts are filled with', () => {
    const values = placeholderValues({ name: 'PÉREZ JUAN', businessLine: null, serviceNumber: '1001', cancelDate: null }, DEFAULT_CAMPAIGN);
    expect(Object.keys(values).sort()).toEqual([...PLACEHOLDERS].sort());
  });

  it('finds a misspelt mark and a brace never closed, once each; a text’s own extra marks are known', () => {
    expect(unknownPlaceholders('Sr(a). {nombre}: hasta el {fecha_limite}.')).toEqual([]);
    expect(unknownPlaceholders('{nombres} y {nombres}, hasta el {fecha_limite los equipos')).toEqual(['{nombres}', '{fecha_limite']);
    expect(unknownPlaceholders('Asunto: {asunto}')).toEqual(['{asunto}']);
    expect(unknownPlaceholders('Asunto: {asunto}', ['asunto'])).toEqual([]);
  });

  it('finds nothing to say in the campaign’s own texts', () => {
    expect(campaignMarkProblems(DEFAULT_CAMPAIGN)).toEqual([]);
  });
});
