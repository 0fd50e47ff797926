/**
 * The integer part of a plain decimal grouped in threes with a space (`6 515`, `86 405.5`): every figure a person
 * reads is grouped this way (tables, prose, the CLI's lines, chart axes through CHART_CONFIG's locale), so `6 515` never
 * stands next to `6473`. A space rather than a comma or a locale's separator: reports are byte-identical everywhere.
 * Here, below the report, so that the experiment layer's own lines (`clustersim check`) use it too.
 */
export function groupThousands(text: string): string {
  const [whole, fraction] = text.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
