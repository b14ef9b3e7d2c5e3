import { describe, expect, it } from 'vitest'
import { parseAlertsQuery } from './alerts-query'

describe('GET /api/v1/alerts parameters (NLP-6)', () => {
  it('defaults to the active alerts of the city; the credentials may ride along', () => {
    expect(parseAlertsQuery({})).toEqual({ scope: 'city', state: 'active' })
    expect(parseAlertsQuery({ scope: '778', state: 'all', api_key: 'x' })).toEqual({ scope: '778', state: 'all' })
  })

  it('says what to give instead', () => {
    expect(() => parseAlertsQuery({ state: 'open' })).toThrow(/"open" is not a state; give active \(the default\) or all/)
    expect(() => parseAlertsQuery({ scope: ['1', '2'] })).toThrow(/given twice/)
    expect(() => parseAlertsQuery({ since: '1h' })).toThrow(/the parameters are scope, state/)
  })
})
