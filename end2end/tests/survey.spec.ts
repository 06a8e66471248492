import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

async function axe(page: import('@playwright/test').Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

// The survey is a plain form posted to the server: it works the same with and without
// JavaScript, on a phone's screen (the project's viewport is a phone's).
for (const javaScriptEnabled of [true, false]) {
  test.describe(`the satisfaction survey (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
    test.use({ javaScriptEnabled });

    test('a citizen fills in the survey from a phone, is told what is missing, and sends it', async ({ page }) => {
      await page.goto('/');
      await page.getByRole('link', { name: 'Khảo sát', exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Phiếu khảo sát mức độ hài lòng');
      await page.getByLabel('Cơ quan giải quyết').selectOption('so-tu-phap');
      const comment = '</textarea><script>alert(1)</script> Cán bộ hướng dẫn tận tình';
      await page.getByLabel('Ý kiến khác').fill(comment);
      await page.getByRole('group', { name: /Thái độ của công chức/ }).getByLabel('Hài lòng', { exact: true }).check();
      // Sent without the one required answer: the server says so beside it and keeps the rest.
      await page.getByRole('button', { name: 'Gửi phiếu khảo sát' }).click();
      await expect(page.getByRole('alert')).toContainText('Mức độ hài lòng chung');
      const overall = page.getByRole('group', { name: /Mức độ hài lòng chung/ });
      await expect(overall.locator('.field-error')).toBeVisible();
      await expect(page.getByLabel('Ý kiến khác')).toHaveValue(comment);
      await expect(page.getByLabel('Cơ quan giải quyết')).toHaveValue('so-tu-phap');
      await expect(page.getByRole('group', { name: /Thái độ của công chức/ }).getByLabel('Hài lòng', { exact: true })).toBeChecked();
      // axe-core runs in the page, so only where scripts may run; the HTML is the server's either way.
      if (javaScriptEnabled) expect(await axe(page)).toEqual([]);
      await overall.getByLabel('Rất hài lòng').check();
      await page.getByRole('button', { name: 'Gửi phiếu khảo sát' }).click();
      await expect(page.getByRole('heading', { name: 'Cảm ơn bạn đã trả lời khảo sát' })).toBeVisible();
      await page.getByRole('link', { name: 'Kết quả khảo sát' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kết quả khảo sát mức độ hài lòng');
      await expect(page.getByRole('region', { name: 'Bảng kết quả theo cơ quan' }).getByRole('rowheader', { name: /Sở Tư pháp/ })).toBeVisible();
      await expect(page.locator('body')).not.toContainText('Cán bộ hướng dẫn tận tình');
      // axe-core runs in the page, so only where scripts may run; the HTML is the server's either way.
      if (javaScriptEnabled) expect(await axe(page)).toEqual([]);
    });
  });
}
