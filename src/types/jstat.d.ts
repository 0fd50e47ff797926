// jstat ships no type definitions; this declares the part clustersim uses.
declare module 'jstat' {
  interface ContinuousDistribution {
    pdf(x: number, ...params: number[]): number;
    cdf(x: number, ...params: number[]): number;
    inv(p: number, ...params: number[]): number;
  }
  const jStat: {
    studentt: ContinuousDistribution;
    normal: ContinuousDistribution;
    gammafn(x: number): number;
    gammaln(x: number): number;
    erf(x: number): number;
    erfc(x: number): number;
  };
  export default jStat;
}
