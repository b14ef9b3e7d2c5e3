import { describe, expect, it } from 'vitest'
import { parseCsv } from './csv'

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks; CRLF or LF', () => {
    const text = 'id,text,topic\r\n1,"Kẹt xe, mệt ""quá""",ThoiSu\r\n2,"hai\ndòng",GiaoDuc\n3,,\n'
    expect(parseCsv(text)).toEqual([
      { id: '1', text: 'Kẹt xe, mệt "quá"', topic: 'ThoiSu' },
      { id: '2', text: 'hai\ndòng', topic: 'GiaoDuc' },
      { id: '3', text: '', topic: '' },
    ])
  })

  it('an empty file has no rows', () => {
    expect(parseCsv('')).toEqual([])
  })
})
