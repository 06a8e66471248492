import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

// A small but real PDF, as a citizen's scanned receipt would be.
const receipt = {
  name: 'bien-nhan.pdf',
  mimeType: 'application/pdf',
  buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
};

/** A phone number of this test's own, so look-ups find this test's case. */
function phone(): string {
  return '09' + String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
}

async function fillValid(page: Page, phoneNumber: string) {
  await page.getByLabel('Họ và tên').fill('Phạm Thị Lan');
  await page.getByLabel('Địa chỉ', { exact: false }).first().fill('25 Phố Huế, phường Hai Bà Trưng');
  await page.getByLabel('Số điện thoại').fill(phoneNumber);
  await page.getByLabel('Loại phản ánh').selectOption('official_conduct');
  await page.getByLabel('Tiêu đề').fill('Bộ phận một cửa đòi thêm giấy tờ');
  await page.getByLabel('Nội dung').fill('Cán bộ yêu cầu nộp thêm bản sao sổ hộ khẩu dù thủ tục không đòi hỏi giấy tờ này.');
  await page.getByLabel('Tôi đồng ý với cách xử lý thông tin cá nhân nêu dưới đây').check();
}

async function axe(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Submits, follows the case by code and phone, and checks what the submitter sees. */
async function submitAndFollow(page: Page) {
  const phoneNumber = phone();
  await page.goto('/thu-tuc/1.001193');
  await page.getByRole('link', { name: 'Gửi phản ánh, kiến nghị về thủ tục này' }).click();
  await expect(page).toHaveURL(/\/phan-anh\/gui\?thu-tuc=1\.001193$/);
  await expect(page.getByLabel('Thủ tục liên quan')).toHaveValue('1.001193');
  await fillValid(page, phoneNumber);
  await page.getByLabel('Tệp đính kèm').setInputFiles(receipt);
  await page.getByRole('button', { name: 'Gửi phản ánh' }).click();

  await expect(page.getByRole('heading', { name: 'Đã gửi phản ánh' })).toBeVisible();
  const code = (await page.locator('.case-code').first().innerText()).trim();
  expect(code).toMatch(/^PAKN\.\d{8}\.\d{4}$/);
  await expect(page.getByText('bien-nhan.pdf')).toBeVisible();
  await expect(page.getByText('Đăng ký khai sinh')).toBeVisible();
  // No e-mail given: the page says the code is the only way to follow the case.
  await expect(page.getByText(/cách duy nhất để theo dõi/).first()).toBeVisible();

  await page.goto('/phan-anh/tra-cuu');
  await page.getByLabel('Mã số phản ánh').fill(code.toLowerCase());
  await page.getByLabel('Số điện thoại hoặc thư điện tử').fill(phoneNumber.replace(/^0/, '+84 '));
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  await expect(page.locator('.case-title')).toHaveText('Bộ phận một cửa đòi thêm giấy tờ');
  await expect(page.getByText('Đã tiếp nhận')).toBeVisible();
  return code;
}

test('a citizen sends feedback about a procedure with a file and follows it by code', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await submitAndFollow(page);
  expect(errors).toEqual([]);
});

test('once hydrated, the browser checks the form before sending and keeps what was typed', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/phan-anh/gui');
  await page.waitForLoadState('networkidle');
  const posts: string[] = [];
  page.on('request', (r) => r.method() === 'POST' && posts.push(r.url()));
  await fillValid(page, '12ab');
  await page.getByLabel('Thư điện tử').fill('lan@');
  await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Chưa gửi được' });
  await expect(summary).toBeVisible();
  await expect(summary.getByRole('link', { name: /Số điện thoại/ })).toBeVisible();
  await expect(page.locator('#f-phone-error')).toHaveText(/Số điện thoại chưa đúng/);
  await expect(page.locator('#f-phone')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#f-email-error')).toHaveText(/Địa chỉ thư chưa đúng/);
  expect(posts, 'nothing is sent while the form has errors').toEqual([]);
  await expect(page.getByLabel('Tiêu đề')).toHaveValue('Bộ phận một cửa đòi thêm giấy tờ');
  // A complaint is pointed to its own channel.
  await page.getByLabel('Loại phản ánh').selectOption('complaint');
  await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
  await expect(page.locator('#f-category-error')).toHaveText(/Khiếu nại không gửi qua kênh này/);
  expect(errors).toEqual([]);
});

test('once hydrated, the procedure field suggests procedures as the name is typed without accents', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto('/phan-anh/gui');
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Thủ tục liên quan').pressSequentially('khai sinh', { delay: 30 });
  const suggestion = page.locator('#procedure-suggestions option[value="1.001193"]');
  await expect(suggestion).toHaveCount(1);
  await expect(suggestion).toHaveText('Đăng ký khai sinh');
  expect(errors).toEqual([]);
});

test('axe-core finds no violation on the feedback pages, errors shown', async ({ page }) => {
  await page.goto('/phan-anh/gui?thu-tuc=1.001193');
  expect(await axe(page)).toEqual([]);
  await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
  await expect(page.getByText('Chưa gửi được').first()).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.goto('/phan-anh/tra-cuu');
  expect(await axe(page)).toEqual([]);
  await page.goto('/en/phan-anh/gui');
  expect(await axe(page)).toEqual([]);
});

test('axe-core finds no violation on the pages the server renders after a post', async ({ page }) => {
  // Without the WASM bundle the forms post to the server, which answers with its own pages;
  // scripts still run, so axe-core can check them.
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto('/phan-anh/gui');
  await fillValid(page, 'sai số');
  await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
  await expect(page.locator('#f-phone-error')).toHaveText(/Số điện thoại chưa đúng/);
  expect(await axe(page)).toEqual([]);
  await page.getByLabel('Số điện thoại').fill(phone());
  await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
  await expect(page.getByRole('heading', { name: 'Đã gửi phản ánh' })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.goto('/phan-anh/tra-cuu');
  await page.getByLabel('Mã số phản ánh').fill('PAKN.20200101.0001');
  await page.getByLabel('Số điện thoại hoặc thư điện tử').fill('0900000000');
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  await expect(page.getByText('Không tìm thấy phản ánh')).toBeVisible();
  expect(await axe(page)).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the server shows each error beside its field with everything typed, then accepts the fix', async ({ page }) => {
    const phoneNumber = phone();
    await page.goto('/phan-anh/gui');
    await fillValid(page, 'không có số');
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await expect(page.getByText('Chưa gửi được. Vui lòng sửa các mục sau:')).toBeVisible();
    await expect(page.locator('#f-phone-error')).toHaveText(/Số điện thoại chưa đúng/);
    await expect(page.getByLabel('Số điện thoại')).toHaveValue('không có số');
    await expect(page.getByLabel('Họ và tên')).toHaveValue('Phạm Thị Lan');
    await expect(page.getByLabel('Nội dung')).toHaveValue(/bản sao sổ hộ khẩu/);
    await expect(page.getByLabel('Loại phản ánh')).toHaveValue('official_conduct');

    await page.getByLabel('Số điện thoại').fill(phoneNumber);
    await page.getByLabel('Tệp đính kèm').setInputFiles(receipt);
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await expect(page.getByRole('heading', { name: 'Đã gửi phản ánh' })).toBeVisible();
    await expect(page.getByText('bien-nhan.pdf')).toBeVisible();
  });

  test('send and follow a case by code', async ({ page }) => {
    await submitAndFollow(page);
  });
});
