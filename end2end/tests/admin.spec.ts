import { test, expect, Browser, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

const ADMIN = 'quantri@demo.civicdesk.vn';
const PASSWORD = 'civicdesk-demo';
const SECTIONS = ['/quan-tri', '/quan-tri/co-quan', '/quan-tri/dia-ban', '/quan-tri/linh-vuc', '/quan-tri/tai-khoan', '/quan-tri/khoa-api', '/quan-tri/nhat-ky'];

async function axe(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

async function signIn(browser: Browser, email: string, password: string, javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto('/can-bo/dang-nhap');
  await page.getByLabel('Thư điện tử công vụ').fill(email);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(/\/(can-bo|quan-tri)$/);
  return { page, errors };
}

/** A code no other test run uses. */
const unique = () => `T${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1000)}`;

test('an administrator sets up an agency without JavaScript: refused beside the field, kept, then saved and recorded', async ({ browser }) => {
  const { page } = await signIn(browser, ADMIN, PASSWORD, false);
  const code = unique();
  await page.goto('/quan-tri/co-quan');
  const form = page.locator('form#sua');
  await form.getByLabel('Mã', { exact: true }).fill(code);
  await form.getByLabel('Tên', { exact: true }).fill(`Sở Thử nghiệm ${code}`);
  await form.getByLabel('Cấp').selectOption('tinh');
  await form.getByLabel('Thư điện tử').fill('vanphong@tinhthu');
  await form.getByLabel('Giờ chốt nhận trong ngày').fill('16:30');
  await form.getByRole('button', { name: 'Lưu' }).click();

  // Refused: the message sits beside the e-mail field, which says it is invalid, and nothing typed is lost.
  const email = page.locator('form#sua').getByLabel('Thư điện tử');
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#f-save-agency-email-error')).toContainText('Thư điện tử chưa đúng');
  await expect(email).toHaveValue('vanphong@tinhthu');
  await expect(page.locator('form#sua').getByLabel('Mã', { exact: true })).toHaveValue(code);
  await expect(page.locator('form#sua').getByLabel('Giờ chốt nhận trong ngày')).toHaveValue('16:30');

  await email.fill(`${code.toLowerCase()}@tinhthu.gov.vn`);
  await page.locator('form#sua').getByRole('button', { name: 'Lưu' }).click();
  await expect(page).toHaveURL(/\/quan-tri\/co-quan\?xong=save_agency$/);
  await expect(page.getByRole('status')).toHaveText('Đã lưu thay đổi.');

  // Edited from its row: the code is fixed, the cut-off changes.
  await page.getByRole('row', { name: new RegExp(code) }).getByRole('link', { name: 'Sửa' }).click();
  await expect(page.locator('form#sua h2')).toHaveText('Sửa cơ quan');
  await page.locator('form#sua').getByLabel('Giờ chốt nhận trong ngày').fill('15:00');
  await page.locator('form#sua').getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('row', { name: new RegExp(code) })).toContainText('15:00');

  // The trail says who changed what, before and after.
  await page.goto(`/quan-tri/nhat-ky?ve=${code}`);
  const latest = page.locator('table.audit tbody tr').first();
  await expect(latest).toContainText('quantri@demo.civicdesk.vn');
  await expect(latest.locator('del')).toHaveText('16:30');
  await expect(latest.locator('ins')).toHaveText('15:00');
  await page.context().close();
});

test('every administration page is accessible and hydrates without an error', async ({ browser }) => {
  test.setTimeout(120_000);
  for (const hydrate of [true, false]) {
    const { page, errors } = await signIn(browser, ADMIN, PASSWORD, true);
    if (!hydrate) await page.route('**/*.wasm', (route) => route.abort());
    for (const path of [...SECTIONS, '/quan-tri/co-quan?sua=HN-STP', '/quan-tri/tai-khoan?sua=1', '/quan-tri/nhat-ky?loai=sign_in']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      if (hydrate) await expect(page.locator('html[data-hydrated]'), `${path} hydrates`).toHaveCount(1);
      await expect(page.locator('nav.admin-nav [aria-current="page"]')).toHaveCount(1);
      expect(await axe(page), `${path} (hydrated: ${hydrate})`).toEqual([]);
    }
    if (hydrate) expect(errors, 'no console error').toEqual([]);
    await page.context().close();
  }
  // A one-time link that is not (or no longer) usable says so, accessibly.
  const context = await browser.newContext();
  const page = await context.newPage();
  const response = await page.goto(`/can-bo/dat-mat-khau/${'0'.repeat(48)}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('alert')).toContainText('Đường dẫn này đã được dùng');
  expect(await axe(page)).toEqual([]);
  await context.close();
});

test('a deactivated account is signed out at once, and comes back when reactivated', async ({ browser }) => {
  const admin = await signIn(browser, ADMIN, PASSWORD);
  const code = unique().toLowerCase();
  const email = `${code}@stp.hanoi.gov.vn`;
  await admin.page.goto('/quan-tri/tai-khoan');
  const add = admin.page.locator('form', { has: admin.page.getByRole('heading', { name: 'Thêm tài khoản' }) });
  await add.getByLabel('Tên', { exact: true }).fill('Cán Bộ Thử');
  await add.getByLabel('Thư điện tử công vụ').fill(email);
  await add.getByLabel('Vai trò').selectOption('officer');
  await add.getByLabel('Cơ quan').selectOption('HN-STP');
  await add.getByLabel('Mật khẩu ban đầu (không bắt buộc)').fill('mat-khau-ban-dau-dai');
  await add.getByRole('button', { name: 'Thêm' }).click();
  await expect(admin.page.getByRole('status')).toHaveText('Đã lưu thay đổi.');

  const official = await signIn(browser, email, 'mat-khau-ban-dau-dai');
  await expect(official.page.getByRole('heading', { level: 1 })).toHaveText('Phản ánh, kiến nghị cần xử lý');

  await admin.page.getByRole('row', { name: new RegExp(email) }).getByRole('link', { name: 'Sửa' }).click();
  await admin.page.getByLabel('Tài khoản hoạt động').uncheck();
  await admin.page.locator('form#sua').getByRole('button', { name: 'Lưu' }).click();
  await expect(admin.page.getByRole('row', { name: new RegExp(email) })).toContainText('Đã khóa');

  await official.page.reload();
  await expect(official.page).toHaveURL(/\/can-bo\/dang-nhap$/);
  await official.page.getByLabel('Thư điện tử công vụ').fill(email);
  await official.page.getByLabel('Mật khẩu', { exact: true }).fill('mat-khau-ban-dau-dai');
  await official.page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(official.page.getByRole('alert')).toContainText('không đúng');
  // The browser logs the refused sign-in's 401 answer; nothing else may be logged.
  official.errors.splice(0, official.errors.length);

  await admin.page.getByRole('row', { name: new RegExp(email) }).getByRole('link', { name: 'Sửa' }).click();
  await admin.page.getByLabel('Tài khoản hoạt động').check();
  await admin.page.locator('form#sua').getByRole('button', { name: 'Lưu' }).click();
  await official.page.getByLabel('Mật khẩu', { exact: true }).fill('mat-khau-ban-dau-dai');
  await official.page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(official.page).toHaveURL(/\/can-bo$/);
  expect(official.errors).toEqual([]);
  await official.page.context().close();
  await admin.page.context().close();
});

for (const javaScriptEnabled of [false, true]) {
  test(`an administrator issues a client system its Open311 key, seen once, and revokes it (JavaScript: ${javaScriptEnabled})`, async ({ browser }) => {
  const { page, errors } = await signIn(browser, ADMIN, PASSWORD, javaScriptEnabled);
  const name = `Ứng dụng 311 ${unique()}`;
  await page.goto('/quan-tri/khoa-api');
  const issue = page.locator('form', { has: page.getByRole('heading', { name: 'Cấp khóa mới' }) });
  // Refused without a name (only spaces), beside the field.
  await issue.getByLabel('Hệ thống').fill('   ');
  await issue.getByRole('button', { name: 'Cấp khóa mới' }).click();
  await expect(page.locator('#f-issue-api-key-name')).toHaveAttribute('aria-invalid', 'true');
  await page.locator('#f-issue-api-key-name').fill(name);
  await page.locator('form', { has: page.getByRole('heading', { name: 'Cấp khóa mới' }) }).getByRole('button').click();

  // Shown once, with how to pass it on; the list shows how it starts.
  const notice = page.getByRole('status');
  await expect(notice).toContainText(`Khóa mới của ${name}:`);
  const key = (await page.locator('code.issued-key').textContent()) ?? '';
  expect(key).toMatch(/^[0-9a-f]{48}$/);
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText(`${key.slice(0, 6)}…`);
  await expect(row).toContainText('Đang hiệu lực');
  // axe-core runs its checks as a script: only where scripts run.
  if (javaScriptEnabled) expect(await axe(page)).toEqual([]);
  await page.goto('/quan-tri/khoa-api');
  expect(await page.content()).not.toContain(key);

  // Revoked from its row.
  await page.getByRole('row', { name: new RegExp(name) }).getByRole('button', { name: 'Thu hồi' }).click();
  await expect(page).toHaveURL(/\/quan-tri\/khoa-api\?xong=revoke_api_key$/);
  await expect(page.getByRole('status')).toContainText('Đã thu hồi khóa');
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('Đã thu hồi ngày');
  await expect(page.getByRole('row', { name: new RegExp(name) }).getByRole('button', { name: 'Thu hồi' })).toHaveCount(0);
  // The refused form answers 422, which the browser logs; nothing else may fail.
  const unexpected = errors.filter((e) => !e.includes('status of 422'));
  if (javaScriptEnabled) expect(unexpected, 'no console error').toEqual([]);
  await page.context().close();
  });
}
