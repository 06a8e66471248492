import { test, expect } from '@playwright/test';
import { axe, submit, watch } from './casework';

for (const javaScriptEnabled of [true, false]) {
  test(`a citizen corrects their phone before the answer, ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const errors = watch(page);
    const { link } = await submit(page, `Sửa thông tin liên hệ (${javaScriptEnabled ? 'JS' : 'HTML'} ${Date.now()})`);
    await page.goto(link);
    if (javaScriptEnabled) expect(await axe(page), 'the private page with the details form').toEqual([]);

    const section = page.locator('#thong-tin');
    await section.getByLabel('Số điện thoại').fill('12ab');
    await section.getByRole('button', { name: 'Lưu thông tin' }).click();
    await expect(page.locator('#thong-tin .field-invalid .field-error')).toHaveText('Số điện thoại chưa đúng: cần 10 hoặc 11 chữ số, bắt đầu bằng 0 hoặc +84.');
    await expect(page.locator('#thong-tin').getByLabel('Số điện thoại')).toHaveValue('12ab');

    await page.locator('#thong-tin').getByLabel('Số điện thoại').fill('0912 000 111');
    await page.locator('#thong-tin').getByRole('button', { name: 'Lưu thông tin' }).click();
    await expect(page.getByText('Đã lưu thông tin liên hệ.')).toBeVisible();
    await expect(page.getByText('0912000111').first()).toBeVisible();
    await expect(page.getByText('Người gửi sửa thông tin liên hệ')).toBeVisible();

    expect(errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
    await context.close();
  });
}
