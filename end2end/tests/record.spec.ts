import { test, expect } from '@playwright/test';

// The public record is a plain GET form over server-drawn figures: it works the same with and
// without JavaScript.
for (const javaScriptEnabled of [true, false]) {
  test.describe(`the statistics page (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
    test.use({ javaScriptEnabled });

    test('a year on the calendar basis, then one agency', async ({ page }) => {
      await page.goto('/');
      await page.getByRole('link', { name: 'Thống kê' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Thống kê/);
      await page.getByLabel('Loại kỳ').selectOption({ label: 'Năm' });
      await page.getByLabel('Cách tính kỳ').selectOption({ index: 1 });
      await page.getByRole('button', { name: 'Xem' }).click();
      await expect(page).toHaveURL(/ky=nam/);
      await expect(page).toHaveURL(/co-so=lich/);
      await expect(page.locator('#ky-bao-cao')).toHaveText(/^Năm \d{4}$/);
      await expect(page.locator('#ky-bao-cao + p')).toContainText('Kỳ tính theo tháng, quý, năm dương lịch.');
      await expect(page.locator('figure.chart svg[role=img]')).toBeVisible();
      await expect(page.getByRole('rowheader', { name: 'Tiếp nhận trong kỳ' })).toBeVisible();

      await page.getByRole('combobox', { name: 'Cơ quan', exact: true }).selectOption('so-tu-phap');
      await page.getByRole('button', { name: 'Xem' }).click();
      await expect(page).toHaveURL(/co-quan=so-tu-phap/);
      await expect(page.getByRole('combobox', { name: 'Cơ quan', exact: true })).toHaveValue('so-tu-phap');
    });

    test('a range the wrong way round is explained and the period shown', async ({ page }) => {
      await page.goto('/thong-ke?tu=2026-03-01&den=2026-01-01');
      await expect(page.getByRole('alert')).toContainText('Khoảng ngày chưa đúng');
      await expect(page.getByLabel('Từ ngày')).toHaveValue('2026-03-01');
    });
  });
}
