import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

// Every page type, in both languages where the layout differs.
const pages = [
  '/',
  '/thu-tuc',
  '/thu-tuc?q=khai+sinh',
  '/thu-tuc?q=khong+co+thu+tuc+nao+nhu+vay',
  '/thu-tuc/1.001193',
  '/co-quan',
  '/co-quan/so-tu-phap',
  '/en',
  '/en/thu-tuc/1.001193',
  '/thong-ke',
  '/thong-ke?ky=nam&co-so=lich',
  '/en/thong-ke',
  '/thong-ke/co-quan',
  '/en/thong-ke/co-quan?theo=hai-long&ky=nam',
  '/thong-ke/bao-cao',
  '/en/thong-ke/bao-cao?ky=nam&co-so=lich',
  '/khao-sat',
  '/en/khao-sat?co-quan=so-tu-phap',
  '/thong-ke/khao-sat',
  '/du-lieu-mo',
  '/thu-tuc/thay-doi',
  '/en/du-lieu-mo',
  '/khong-co-trang-nay',
];

for (const path of pages) {
  test(`axe-core finds no violation on ${path}`, async ({ page }) => {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    expect(summary).toEqual([]);
  });
}
