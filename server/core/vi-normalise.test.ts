import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadNormaliser } from '../nlp/load-normaliser'
import { canonicalTone, createNormaliser, parseAbbreviations, squashRepeats } from './vi-normalise'

const normalise = loadNormaliser()
const text = (s: string) => normalise(s).text

const COMMENTS = new URL('../../../shared/data/texts/uit-victsd-comments.csv', import.meta.url)
const realLines = readFileSync(COMMENTS, 'utf8').split('\n').slice(1, 401).filter(Boolean)

describe('NLP-1 normalisation of real comments (uit-victsd)', () => {
  it('NLP-1 never throws, is idempotent and yields NFC', () => {
    expect(realLines.length).toBeGreaterThan(300)
    for (const line of realLines) {
      const once = normalise(line)
      expect(normalise(once.text), line).toEqual(once)
      expect(once.text.normalize('NFC')).toBe(once.text)
      expect(once.text).toBe(once.text.toLowerCase())
      expect(once.text).not.toMatch(/\s\s|^\s|\s$/)
    }
  })
})

describe('NLP-1 Unicode and tone placement', () => {
  it('NLP-1 decomposed input comes out NFC', () => {
    expect(text('ngập nước'.normalize('NFD'))).toBe('ngập nước')
  })

  it('NLP-1 old-style marks on oa, oe, uy move to the modern place', () => {
    expect(text('Hòa Bình hoà')).toBe('hoà bình hoà')
    expect(text('khỏe thủy Tùy ủy ban xóa')).toBe('khoẻ thuỷ tuỳ uỷ ban xoá')
    expect(text('hoàn toán khuya')).toBe('hoàn toán khuya') // a final consonant or vowel: one placement only
  })

  it('NLP-1 qui/quí/qúy are quy/quý', () => {
    expect(text('quí qúy quý qui định quỉ')).toBe('quý quý quý quy định quỷ')
    expect(canonicalTone('quít')).toBe('quít') // only the open syllable is one word with two spellings
  })
})

describe('NLP-1 case, repeats, punctuation', () => {
  it('NLP-1 lower-cases and strips punctuation to single spaces', () => {
    expect(text('  KẸT XE!!! ở… "Nguyễn Huệ", (sáng nay)?  ')).toBe('kẹt xe ở nguyễn huệ sáng nay')
  })

  it('NLP-1 squashes three or more repeats of a letter, keeping the marked one', () => {
    expect(text('quáaaaa đẹppppp nguyyyy')).toBe('quá đẹp nguy')
    expect(squashRepeats('xoong')).toBe('xoong')
    expect(squashRepeats('kkkk')).toBe('kkkk') // laughter, not "không"
    expect(text('kooo')).toBe('không')
  })

  it('NLP-1 keeps amounts, times and dates whole', () => {
    expect(text('100.000đ lúc 7:30 ngày 25/11')).toBe('100.000 đ lúc 7:30 ngày 25/11')
  })
})

describe('NLP-1 abbreviations and teencode (data/nlp/abbreviations.json)', () => {
  it('NLP-1 không', () => {
    for (const s of ['ko', 'k', 'kh', 'hok', 'khong', 'KO']) expect(text(`${s} đi`), s).toBe('không đi')
  })

  it('NLP-1 "5k" and "5 k" are "5 nghìn", a lone "k" is "không"', () => {
    expect(text('giá 5k thôi k')).toBe('giá 5 nghìn thôi không')
    expect(text('vé 50 k, phạt 2tr, 1.5k')).toBe('vé 50 nghìn phạt 2 triệu 1.5 nghìn')
    expect(text('đi 5km k')).toBe('đi 5km không')
  })

  it('NLP-1 được, gì, bình thường, người, với, mọi người, như thế nào', () => {
    expect(text('dc đc dk')).toBe('được được được')
    expect(text('j bt ng vs mn ntn')).toBe('gì bình thường người với mọi người như thế nào')
  })

  it('NLP-1 a short form read by the word before it: "ko bt" is "không biết", a lone "bt" "bình thường"', () => {
    expect(text('ko bt j luôn')).toBe('không biết gì luôn')
    expect(text('chưa bt, đường vẫn bt')).toBe('chưa biết đường vẫn bình thường')
    expect(() => parseAbbreviations({ words: {}, numbered: {}, dotted: {}, after: { bt: 'biết' } })).toThrow(/after\["bt"\]: a key is two lower-case words/)
  })

  it('NLP-1 cities and unit words', () => {
    expect(text('TP.HCM tp hcm HCM SG sg TX')).toBe(
      'thành phố hồ chí minh thành phố hồ chí minh hồ chí minh sài gòn sài gòn thị xã',
    )
    expect(text('tphcm')).toBe('thành phố hồ chí minh')
  })

  it('NLP-1 Q.7, Q7, q. 7, P.12, P12 become "quận 7", "phường 12"', () => {
    for (const s of ['Q.7', 'Q7', 'q7', 'q. 7']) expect(text(`ngập ${s}`), s).toBe('ngập quận 7')
    for (const s of ['P.12', 'P12', 'p.12']) expect(text(`${s}, Gò Vấp`), s).toBe('phường 12 gò vấp')
    expect(text('P.Tân Định Q.1')).toBe('phường tân định quận 1')
    expect(text('Q. Bình Thạnh, TX. Thuận An, H. Củ Chi')).toBe('quận bình thạnh thị xã thuận an huyện củ chi')
    expect(text('QL13 qua TT.Cần Thạnh, KP.3')).toBe('quốc lộ 13 qua thị trấn cần thạnh khu phố 3')
  })

  it('NLP-1 a question mark or a word ending in q/p is not a unit', () => {
    expect(text('sao vậy?7 người')).toBe('sao vậy 7 người')
    expect(text('q7a p123456')).toBe('q7a p123456')
  })

  it('NLP-1 an expansion is never itself a short form', () => {
    expect(() => parseAbbreviations({ words: { k: 'không', kg: 'k' }, numbered: {}, dotted: {}, after: {}, afterNumber: {} })).toThrow(/"k" in "k" is itself a short form/)
    expect(() => parseAbbreviations({ words: { 'K O': 'không' }, numbered: {}, dotted: {}, after: {}, afterNumber: {} })).toThrow(/words\["K O"\]/)
  })
})

describe('NLP-1 links, handles, emoji', () => {
  it('NLP-1 URLs, e-mails and @handles become placeholders, untouched inside', () => {
    expect(text('xem https://fb.com/groups/q7/k?dc=1 nhé')).toBe('xem <url> nhé')
    expect(text('vnexpress.net/ngap-q7 và www.tuoitre.vn')).toBe('<url> và <url>')
    expect(text('gửi ko.dc@gmail.com hoặc @ubnd.q7')).toBe('gửi <email> hoặc <user>')
  })

  it('NLP-1 emoji are kept, one token each, without skin tones or joiners', () => {
    expect(normalise('ngập quá😡😡 👍🏻').tokens).toEqual(['ngập', 'quá', '😡', '😡', '👍'])
  })
})

describe('NLP-1 folding and segmentation', () => {
  it('NLP-1 text without diacritics meets text with them in `folded`', () => {
    expect(normalise('ngap nuoc qua').folded).toBe(normalise('Ngập nước quáaa!!').folded)
    expect(normalise('Đường ngập').folded).toBe('duong ngap')
  })

  it('NLP-1 dictionary words are one token, longest match first, with or without diacritics', () => {
    expect(normalise('Kẹt xe, ùn tắc ở TP.HCM').tokens).toEqual(['kẹt_xe', 'ùn_tắc', 'ở', 'thành_phố_hồ_chí_minh'])
    expect(normalise('ngap nuoc o vỉa hè').tokens).toEqual(['ngap_nuoc', 'o', 'vỉa_hè'])
  })

  it('NLP-1 dictionary entries in the old tone placement still match', () => {
    const n = createNormaliser({ abbreviations: { words: {}, numbered: {}, dotted: {}, after: {}, afterNumber: {} }, words: ['hòa bình'] })
    expect(n('Hoà Bình').tokens).toEqual(['hoà_bình'])
    expect(() => createNormaliser({ abbreviations: { words: {}, numbered: {}, dotted: {}, after: {}, afterNumber: {} }, words: ['ngập'] })).toThrow(/one syllable/)
  })
})
