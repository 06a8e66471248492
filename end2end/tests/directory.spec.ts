import { test, expect, Page } from '@playwright/test';

/** Fails the test on any error the page logs, hydration errors above all. */
function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Waits until the WASM bundle has hydrated the page (the print button only appears then). */
async function hydrated(page: Page) {
  await expect(page.getByRole('button', { name: 'In trang này' })).toBeVisible();
}

test('a citizen finds a procedure typing without accents and opens it', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await page.getByLabel('Tìm thủ tục').fill('dang ky khai sinh');
  await page.getByRole('button', { name: 'Tìm kiếm' }).click();
  await expect(page).toHaveURL(/\/thu-tuc\?q=dang\+ky\+khai\+sinh/);
  const first = page.locator('.procedure-item').first();
  await expect(first.locator('.procedure-name')).toHaveText('Đăng ký khai sinh');
  await expect(first.locator('mark').first()).toHaveText('Đăng');
  await first.getByRole('link').click();
  await expect(page).toHaveURL(/\/thu-tuc\/1\.001193$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đăng ký khai sinh');
  await expect(page.getByText('Tờ khai đăng ký khai sinh', { exact: true })).toBeVisible();
  expect(errors).toEqual([]);
});

test('filters narrow the list and live in the URL', async ({ page }) => {
  await page.goto('/thu-tuc?q=dang+ky');
  const before = await page.locator('.results-heading').innerText();
  await page.getByLabel('Lĩnh vực').selectOption({ label: 'Hộ tịch' });
  await page.getByLabel('Cấp thực hiện').selectOption({ label: 'Cấp xã' });
  await page.getByRole('button', { name: 'Áp dụng' }).click();
  await expect(page).toHaveURL(/linh-vuc=HT/);
  await expect(page).toHaveURL(/cap=xa/);
  const after = await page.locator('.results-heading').innerText();
  expect(after).not.toEqual(before);
  const names = await page.locator('.procedure-name').allInnerTexts();
  expect(names.length).toBeGreaterThan(0);
  expect(names).toContain('Đăng ký khai sinh');
  expect(names).not.toContain('Đăng ký tạm trú');
  // The selections survive the round trip.
  await expect(page.getByLabel('Lĩnh vực')).toHaveValue('HT');
});

test('the page hydrates: the checklist counts ticked papers, with no hydration error', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/thu-tuc/1.001193');
  await hydrated(page);
  const progress = page.locator('.checklist-progress').first();
  await expect(progress).toHaveText('Đã chuẩn bị 0/3 giấy tờ');
  await page.getByLabel('Tờ khai đăng ký khai sinh').check();
  await page.getByLabel(/Giấy chứng sinh/).check();
  await expect(progress).toHaveText('Đã chuẩn bị 2/3 giấy tờ');
  await page.getByLabel('Tờ khai đăng ký khai sinh').uncheck();
  await expect(progress).toHaveText('Đã chuẩn bị 1/3 giấy tờ');
  // Navigating inside the hydrated app keeps working.
  await page.getByRole('link', { name: 'Cơ quan', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cơ quan');
  expect(errors.filter((e) => /hydrat|panicked|unreachable/i.test(e))).toEqual([]);
  expect(errors).toEqual([]);
});

test('the English pages mirror the Vietnamese ones', async ({ page }) => {
  await page.goto('/thu-tuc/1.001193');
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/en\/thu-tuc\/1\.001193$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Papers to prepare' })).toBeVisible();
  await expect(page.getByText('1 working day').first()).toBeVisible();
});

test('an abolished procedure leads to its replacement', async ({ page }) => {
  await page.goto('/thu-tuc?q=chung+minh+nhan+dan');
  await page.locator('.procedure-name').first().click();
  await expect(page.getByText('Thủ tục này đã bị bãi bỏ')).toBeVisible();
  await page.getByRole('link', { name: /Xem thủ tục thay thế/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/căn cước/);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('search, filter, page through and open a procedure', async ({ page }) => {
    await page.goto('/');
    await page.getByLabel('Tìm thủ tục').fill('ho chieu');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await expect(page.locator('.procedure-name').first()).toContainText('hộ chiếu');
    await page.getByLabel('Cấp thực hiện').selectOption({ label: 'Cấp tỉnh' });
    await page.getByRole('button', { name: 'Áp dụng' }).click();
    await expect(page).toHaveURL(/cap=tinh/);
    await page.locator('.procedure-name').first().click();
    await expect(page.getByRole('heading', { name: 'Giấy tờ cần chuẩn bị' })).toBeVisible();
    // Ticking still works as a plain form control; the print button needs JavaScript and is hidden.
    await page.locator('.checklist input[type=checkbox]').first().check();
    await expect(page.getByRole('button', { name: 'In trang này' })).toBeHidden();
  });

  test('pagination links carry the search', async ({ page }) => {
    await page.goto('/thu-tuc?q=dang+ky');
    await page.getByRole('link', { name: /Trang sau/ }).click();
    await expect(page).toHaveURL(/q=dang\+ky.*trang=2|trang=2.*q=dang\+ky/);
    await expect(page.locator('[aria-current=page]')).toHaveText(/Trang 2\//);
  });
});
