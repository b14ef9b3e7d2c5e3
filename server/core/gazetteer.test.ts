/**
 * NLP-3 over the real HCMC boundaries (22 districts, 312 wards, read from ../shared/data, never
 * copied) and data/places/landmarks.json, parsed with the importer's own property detection.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseBoundaryFeatures } from './boundary-features'
import { buildGazetteer, type GazetteerUnit, type PlaceData } from './gazetteer'

const BOUNDARIES = new URL('../../../shared/data/boundaries/', import.meta.url)
const read = (file: string | URL) => JSON.parse(readFileSync(file, 'utf8'))

const units: GazetteerUnit[] = [
  ...parseBoundaryFeatures(read(new URL('hcmc-districts-22.geojson', BOUNDARIES)), { level: 'district' }).units,
  ...parseBoundaryFeatures(read(new URL('hcmc-wards-312.geojson', BOUNDARIES)), { level: 'ward', parentProp: 'district_code' }).units,
].map(({ code, level, name, parentCode }) => ({ code, level, name, parentCode }))
const places: PlaceData = read(new URL('../../data/places/landmarks.json', import.meta.url))
const gazetteer = buildGazetteer(units, places)
const codes = (text: string) => gazetteer.recognise(text).map((p) => p.code)
const byName = (name: string, parent?: string) => {
  const unit = units.find((u) => u.name === name && (parent === undefined || u.parentCode === parent))
  if (!unit) throw new Error(`no unit ${name} in ${parent ?? 'the city'}`)
  return unit.code
}

const Q7 = '778'
const GO_VAP = '764'
const TAN_PHONG = '27490'

describe('NLP-3 place recogniser over the 22 districts and 312 wards', () => {
  it('NLP-3 "phường Tân Phong quận 7" names ward 27490, then its district', () => {
    expect(byName('Phường Tân Phong')).toBe(TAN_PHONG)
    const text = 'Ngập sâu ở phường Tân Phong quận 7 sau mưa'
    const found = gazetteer.recognise(text)
    expect(found.map((p) => [p.level, p.code])).toEqual([
      ['ward', TAN_PHONG],
      ['district', Q7],
    ])
    expect(text.slice(...(found[0]?.span ?? [0, 0]))).toBe('phường Tân Phong')
    expect(text.slice(...(found[1]?.span ?? [0, 0]))).toBe('phường Tân Phong')
  })

  it('NLP-3 a unique ward name alone implies its district; with or without diacritics', () => {
    expect(units.filter((u) => u.name === 'Phường Tân Phong')).toHaveLength(1)
    expect(codes('kẹt xe ở Tân Phong')).toEqual([TAN_PHONG, Q7])
    expect(codes('ket xe o tan phong')).toEqual([TAN_PHONG, Q7])
    expect(codes('P. Tân Định rác thải')).toEqual(['26734', '760'])
    expect(codes('p tan dinh')).toEqual(['26734', '760'])
  })

  it('NLP-3 a numbered ward resolves through its district, however written', () => {
    const p12 = byName('Phường 12', GO_VAP)
    expect(codes('ngập ở P.12 Q.Gò Vấp')).toEqual([p12, GO_VAP])
    expect(codes('phường 12 quận Gò Vấp')).toEqual([p12, GO_VAP])
    expect(codes('P.12, Q.GV')).toEqual([p12, GO_VAP])
    expect(codes('f12 go vap ngap qua')).toEqual([p12, GO_VAP])
  })

  it('NLP-3 district short forms: Q7, q.7, q 7, quận 7, quan 7, Quận 07', () => {
    for (const text of ['Q7', 'q.7', 'q 7', 'quận 7', 'quan 7', 'Quận 07', 'QUẬN 7']) expect(codes(text), text).toEqual([Q7])
  })

  it('NLP-3 an ambiguous name alone yields no ward', () => {
    expect(units.filter((u) => u.name === 'Phường 01').length).toBeGreaterThan(1)
    expect(codes('phường 1')).toEqual([])
    expect(codes('nước cúp ở p1 từ sáng')).toEqual([])
  })

  it('NLP-3 "Thủ Đức" is the unit the data holds: the city (769); "quận Thủ Đức" too', () => {
    for (const text of ['Thủ Đức', 'TP Thủ Đức', 'tp. thu duc', 'quận Thủ Đức', 'Thành phố Thủ Đức']) expect(codes(text), text).toEqual(['769'])
  })

  it('NLP-3 "Thủ Đức" among 2025-style ward-level units without districts is that ward', () => {
    const g = buildGazetteer(
      [
        { code: '26803', level: 'ward', name: 'Phường Thủ Đức', parentCode: null },
        { code: '26734', level: 'ward', name: 'Phường Tân Định', parentCode: null },
      ],
      places,
    )
    expect(g.recognise('mưa lớn ở Thủ Đức').map((p) => p.code)).toEqual(['26803'])
    // The landmark's code (Bến Thành, 26743) is not among these units: it is off.
    expect(g.recognise('chợ Bến Thành')).toEqual([])
  })

  it('NLP-3 with the 63 provinces imported too: "tỉnh Bình Thuận", "TP.HCM" are provinces; wards unchanged', () => {
    // Read by hand: the file holds code 48 twice, which the importer (rightly) refuses.
    const features: { properties: { province_code: string; province_name: string } }[] = read(new URL('vn-provinces-63.geojson', BOUNDARIES)).features
    const provinces = features.map(({ properties: p }) => ({ code: p.province_code, level: 'province', name: p.province_name, parentCode: null }))
    const g = buildGazetteer([...units, ...provinces], places)
    const at = (text: string) => g.recognise(text).map((p) => [p.level, p.code])
    expect(at('xe khách đi tỉnh Bình Thuận')).toEqual([['province', '60']])
    expect(at('TP.HCM ngập nặng')).toEqual([['province', '79']])
    expect(at('bay ra Đà Nẵng')).toEqual([['province', '48']])
    expect(at('phường Tân Phong quận 7')).toEqual([
      ['ward', TAN_PHONG],
      ['district', Q7],
    ])
  })

  it('NLP-3 a district holding a ward of the same name wins alone: Củ Chi', () => {
    expect(codes('Củ Chi')).toEqual(['783'])
    expect(codes('thị trấn Củ Chi')).toEqual([byName('Thị trấn Củ Chi'), '783'])
  })

  it('NLP-3 landmarks map to their unit: Chợ Bến Thành → Bến Thành, Q.1; Nguyễn Hữu Cảnh → Bình Thạnh', () => {
    expect(codes('Chợ Bến Thành đông nghẹt')).toEqual(['26743', '760'])
    expect(codes('ngập nước đường Nguyễn Hữu Cảnh')).toEqual(['765'])
    expect(codes('Phú Mỹ Hưng')).toEqual([Q7])
  })

  it('NLP-3 bare numbers, common words and street names are no place', () => {
    for (const text of ['7 người bị kẹt', 'quận', 'phường ơi cứu', 'Trời hôm nay đẹp quá', '', 'đường Võ Thị Sáu kẹt xe', 'Cấm xe qua cầu Nguyễn Hữu Cảnh', 'Q.', '12'])
      expect(codes(text), text).toEqual([])
  })

  it('NLP-3 a word written with diacritics must be spelt as the name; a text with diacritics, every word', () => {
    // Seen in news comments (uit-victsd): common words that fold onto unit names.
    for (const text of ['không biết gì sau khi học môn này', 'Barca đón tân binh đầu tiên', 'con nó trưởng thành rồi', 'dải phân cách linh động', 'bài tập phong phú', 'những người không có liên quan 1 vụ', 'cưỡng hiếp phụ nữ', 'chỉ cần giơ tay'])
      expect(codes(text), text).toEqual([])
    expect(codes('nha o hoc mon bi ngap')).toEqual(['784'])
    expect(codes('giá đất Hóc Môn tăng')).toEqual(['784'])
    expect(codes('phường Bình Hưng Hòa A')).toEqual(codes('phường Bình Hưng Hoà A'))
    expect(codes('phường Bình Hưng Hòa A')).toHaveLength(2)
  })

  it('NLP-7 locate: the finest unit holding every place the text names', () => {
    const located = (text: string) => gazetteer.locate(gazetteer.recognise(text))?.code ?? null
    expect(located('Ngập sâu ở phường Tân Phong quận 7 sau mưa')).toBe(TAN_PHONG)
    expect(gazetteer.locate(gazetteer.recognise('ngap o p tan phong q7'))).toMatchObject({ level: 'ward', code: TAN_PHONG, name: 'Phường Tân Phong' })
    // Two wards of one district: the district holds both, and it is certain.
    expect(located('từ phường Tân Phong qua phường Tân Phú quận 7 đều ngập')).toBe(Q7)
    // Two districts apart: no unit holds both, so no place — a wrong one is worse than none.
    expect(located('nhà ở Q7 mà kẹt xe ở Q1 cả tiếng')).toBeNull()
    expect(located('kẹt xe ở Q1')).toBe('760')
    expect(located('phường 15 kẹt xe')).toBeNull()
    expect(located('trời hôm nay đẹp')).toBeNull()
  })

  it('NLP-3 "Audi Q7" is a car, not district 7', () => {
    expect(codes('mua Audi Q7 màu đen')).toEqual([])
  })

  it('NLP-3 precision 1.0 and recall over 50 hand-written phrases', () => {
    const w = (name: string, parent?: string) => byName(name, parent)
    const cases: [string, string[]][] = [
      ['ngập nặng ở phường 12 quận Gò Vấp', [w('Phường 12', GO_VAP), GO_VAP]],
      ['P.12, Q.GV mất điện', [w('Phường 12', GO_VAP), GO_VAP]],
      ['kẹt xe kinh khủng ở Q1', ['760']],
      ['rác ngập hẻm ở q10', ['771']],
      ['quan 3 mat nuoc', ['770']],
      ['Quận Bình Thạnh ngập', ['765']],
      ['binh thanh ngap qua troi', ['765']],
      ['Q.Bình Tân kẹt xe', ['777']],
      ['Tân Bình cúp điện', ['766']],
      ['q.tb cúp điện', ['766']],
      ['Gò Vấp mưa to', [GO_VAP]],
      ['phu nhuan ket xe', ['768']],
      ['huyện Nhà Bè triều cường', ['786']],
      ['h. Cần Giờ sạt lở', ['787']],
      ['hoc mon ngap', ['784']],
      ['Bình Chánh ô nhiễm', ['785']],
      ['xã Lê Minh Xuân khói bụi', [w('Xã Lê Minh Xuân'), '785']],
      ['đường Phạm Văn Hai kẹt cứng', []],
      ['phường Võ Thị Sáu quận 3', [w('Phường Võ Thị Sáu'), '770']],
      ['p. Bến Nghé rác', ['26740', '760']],
      ['ben nghe ngap', ['26740', '760']],
      ['Thảo Điền ngập', [w('Phường Thảo Điền'), '769']],
      ['phường An Phú TP Thủ Đức', [w('Phường An Phú'), '769']],
      ['An Phú', []],
      ['xã An Phú ngập', [w('Xã An Phú'), '783']],
      ['phuong an phu ket xe', [w('Phường An Phú'), '769']],
      ['xã An Phú huyện Củ Chi', [w('Xã An Phú'), '783']],
      ['p.Tân Phú q.7', [w('Phường Tân Phú', Q7), Q7]],
      ['phường Tân Phú', []],
      ['quận Tân Phú', ['767']],
      ['phường 1 quận 3', [w('Phường 01', '770'), '770']],
      ['P1 Q.Phú Nhuận', [w('Phường 01', '768'), '768']],
      ['phường 15 Tân Bình', [w('Phường 15', '766'), '766']],
      ['phường 15', []],
      ['F.25 Bình Thạnh', [w('Phường 25', '765'), '765']],
      ['P.12 Q.BT', [w('Phường 12', '765'), '765']],
      ['Q.BT', []],
      ['sân bay Tân Sơn Nhất kẹt xe', ['766']],
      ['Nhà thờ Đức Bà', ['26740', '760']],
      ['phố đi bộ Nguyễn Huệ đông', ['26740', '760']],
      ['vòng xoay Dân Chủ', ['770']],
      ['ngã tư Hàng Xanh kẹt', ['765']],
      ['chợ Bình Tây', [w('Phường 02', '775'), '775']],
      ['Bitexco', ['26740', '760']],
      ['Landmark 81', [w('Phường 22', '765'), '765']],
      ['7 người bị thương', []],
      ['tôi ở quận mấy cũng được', []],
      ['Sài Gòn mưa', []],
      ['TP.HCM ngập', []],
      ['tỉnh Bình Thuận', []],
      ['Tân Phong và Tân Hưng quận 7', [w('Phường Tân Phong'), w('Phường Tân Hưng'), Q7]],
      ['Thạnh Mỹ Lợi sạt lở', [w('Phường Thạnh Mỹ Lợi'), '769']],
    ]
    let truePositives = 0
    let found = 0
    let expected = 0
    const wrong: string[] = []
    for (const [text, want] of cases) {
      const got = codes(text)
      found += got.length
      expected += want.length
      for (const code of got) {
        if (want.includes(code)) truePositives++
        else wrong.push(`${text} → ${code}`)
      }
    }
    expect(cases.length).toBeGreaterThanOrEqual(50)
    expect(wrong).toEqual([])
    expect(truePositives / found).toBe(1)
    // Measured 1.0 here; the issue asks ≥ 0.9 recall on unseen text (npm run eval, next step).
    expect(truePositives / expected).toBeGreaterThanOrEqual(0.95)
  })
})
