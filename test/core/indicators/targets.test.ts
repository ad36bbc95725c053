// The indicator tables' 规划依据 column quotes the plan's section headings down to the item (as a
// reader finds them in the plan), not line numbers of a text file.
import { describe, expect, it } from 'vitest';
import { PLAN_TARGETS } from '../../../src/core/indicators/targets';

/** Headings as printed in the plan (红河州"十四五"城乡社区服务体系建设规划), verbatim. */
const PLAN_HEADINGS = [
  '二、总体要求',
  '（四）发展目标',
  '专栏1 “十四五”城乡社区服务体系建设主要发展指标',
  '三、重点任务',
  '（二）增强城乡社区服务供给',
  '（三）补齐城乡社区服务短板',
  '9．完善优化服务设施布局',
  '专栏3 新时代新社区新生活服务质量提升行动',
  '2.社区养老服务行动',
  '9.社区体育服务行动',
  '8．服务平安建设',
];

describe('PLAN_TARGETS sources', () => {
  it("quote the plan's chapter, section and item headings, with no line references", () => {
    for (const p of PLAN_TARGETS) {
      expect(p.source).not.toMatch(/seed|l\.\d/);
      expect(p.source).toMatch(/^[二三]、/);
      // Every part is a heading of the plan (an item of 专栏1 by its number).
      const parts = p.source.split(/ · |; /).flatMap((x) => x.replace(/ 第\d项$/, '').split(/(?=（)/));
      for (const part of parts) expect(PLAN_HEADINGS).toContain(part);
    }
    expect(PLAN_TARGETS.find((p) => p.id === 'service_rural')!.source).toBe(
      '二、总体要求（四）发展目标 · 专栏1 “十四五”城乡社区服务体系建设主要发展指标 第1项',
    );
  });
});
