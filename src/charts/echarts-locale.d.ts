// echarts ships no declaration for its ESM locale files; the object is a LocaleOption.
declare module 'echarts/lib/i18n/langJA.js' {
  const locale: Parameters<typeof import('echarts/core').registerLocale>[1]
  export default locale
}
