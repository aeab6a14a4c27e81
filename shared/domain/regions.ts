import { REGION_TABLE } from './regions-data'

/** 返回前所在地 as the clerk picks it: province required, city and district as known. */
export interface Origin {
  province: string
  city: string
  district: string
}

export interface RegionOption {
  value: string
  label: string
  children?: RegionOption[]
}

type CityMap = Map<string, readonly string[]>

let parsed: Map<string, CityMap> | null = null

/** Parsed once, on first use: the encoded table is ~45 KB of text. */
function table(): Map<string, CityMap> {
  if (parsed) return parsed
  parsed = new Map()
  for (const [province, encoded] of REGION_TABLE) {
    const cities: CityMap = new Map()
    for (const part of encoded.split(';')) {
      const [city = '', districts = ''] = part.split(':')
      cities.set(city, districts === '' ? [] : districts.split(','))
    }
    parsed.set(province, cities)
  }
  return parsed
}

export function provinces(): string[] {
  return [...table().keys()]
}

export function citiesOf(province: string): string[] {
  return [...(table().get(province)?.keys() ?? [])]
}

export function districtsOf(province: string, city: string): string[] {
  return [...(table().get(province)?.get(city) ?? [])]
}

/** The cascader's options: province > city > district (all 34 provinces, ~3,000 districts). */
export function regionOptions(): RegionOption[] {
  return provinces().map((province) => ({
    value: province,
    label: province,
    children: citiesOf(province).map((city) => ({
      value: city,
      label: city,
      children: districtsOf(province, city).map((district) => ({ value: district, label: district }))
    }))
  }))
}

/**
 * Why an origin cannot be stored, or null. Province and city must be real; the district is
 * checked against the list only when the city has one, and a new district (boundaries change
 * every year) is allowed when typed by hand, so the list is a suggestion there.
 */
export function originProblem(origin: Origin): { path: keyof Origin; message: string } | null {
  const cities = table().get(origin.province)
  if (!cities) return { path: 'province', message: `“${origin.province}”不是省级行政区，请从列表中选择` }
  if (origin.city !== '' && !cities.has(origin.city)) {
    return { path: 'city', message: `${origin.province}没有“${origin.city}”，请从列表中选择` }
  }
  if (origin.district !== '' && origin.city === '') return { path: 'city', message: '填写区县前请先选择城市' }
  return null
}

/** '湖北省武汉市江岸区'; a municipality is not repeated ('北京市朝阳区'). */
export function formatOrigin(origin: Origin): string {
  const city = origin.city === origin.province ? '' : origin.city
  return `${origin.province}${city}${origin.district}`
}

/** Reads '湖北省武汉市江岸区' or '湖北 武汉' back into parts (import, pasted text); null when no province matches. */
export function parseOrigin(text: string): Origin | null {
  const compact = text.replace(/\s+/g, '')
  const province = provinces().find((p) => compact.startsWith(p) || compact.startsWith(shortName(p)))
  if (!province) return null
  let rest = compact.slice(compact.startsWith(province) ? province.length : shortName(province).length)
  let city = ''
  const cities = citiesOf(province)
  const found = cities.find((c) => rest.startsWith(c) || (shortName(c).length > 1 && rest.startsWith(shortName(c))))
  if (found) {
    city = found
    rest = rest.slice(rest.startsWith(found) ? found.length : shortName(found).length)
  } else if (cities.includes(province)) {
    city = province
  }
  const district = city === '' ? '' : (districtsOf(province, city).find((d) => rest.startsWith(d) || rest.startsWith(shortName(d))) ?? rest)
  return { province, city, district }
}

/** '湖北省' -> '湖北', '广西壮族自治区' -> '广西', '武汉市' -> '武汉'. */
export function shortName(name: string): string {
  return name.replace(/(壮族|回族|维吾尔)?(自治区|特别行政区|省|市|自治州|地区|盟|区|县)$/, '') || name
}
