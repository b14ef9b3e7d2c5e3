/** The adapter's SQL and file reading, over a fake Queryable: the real table is exercised by the pg tier. */
import { describe, expect, it } from 'vitest'
import type { Queryable } from '../db/database'
import { gazetteerFromDatabase, loadPlaceData } from './gazetteer-source'

describe('NLP-3 gazetteer from the boundary table', () => {
  it('NLP-3 builds from the stored rows and the landmarks file', async () => {
    const asked: string[] = []
    const db: Queryable = {
      query: async <R>(text: string) => {
        asked.push(text)
        const rows = [
          { code: '760', level: 'district', name: 'Quận 1', parent_code: null },
          { code: '26743', level: 'ward', name: 'Phường Bến Thành', parent_code: '760' },
        ]
        return { rows: rows as R[], rowCount: rows.length }
      },
    }
    const gazetteer = await gazetteerFromDatabase(db)
    expect(asked[0]).toMatch(/SELECT code, level, name, parent_code FROM boundary/)
    expect(gazetteer.recognise('kẹt xe trước chợ Bến Thành').map((p) => [p.level, p.code])).toEqual([
      ['ward', '26743'],
      ['district', '760'],
    ])
  })

  it('NLP-3 a landmarks file that is not one says which file', () => {
    expect(() => loadPlaceData('/nonexistent/landmarks.json')).toThrow(/cannot load places from \/nonexistent\/landmarks.json/)
  })
})
