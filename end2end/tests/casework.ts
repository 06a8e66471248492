// What the browser tests of casework share: the demo officials, signing in, taking an action
// on a case page, sending feedback as a citizen, and the checks run on every page.
import { expect, Browser, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const OFFICER = 'chuyenvien.tuphap@demo.civicdesk.vn';
export const LEAD = 'lanhdao.tuphap@demo.civicdesk.vn';
export const PASSWORD = 'civicdesk-demo';

export async function axe(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Collects what a page logs as errors (hydration errors above all). */
export function watch(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return errors;
}

export async function signIn(browser: Browser, email: string, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  const errors = watch(page);
  await page.goto('/can-bo');
  await expect(page).toHaveURL(/\/can-bo\/dang-nhap$/);
  await page.getByLabel('Thư điện tử công vụ').fill(email);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(/\/can-bo$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Phản ánh, kiến nghị cần xử lý');
  return { page, errors };
}

/** Takes the action whose form has class `action-{name}` on the open case page. */
export async function act(page: Page, name: string, text?: string) {
  const form = page.locator(`form.action-${name}`);
  if (!(await form.isVisible())) await page.locator('details.action', { has: form }).locator('summary').click();
  if (text !== undefined) await form.locator('textarea').fill(text);
  await form.locator('button[type=submit]').click();
}

/** A citizen sends feedback about a rule; returns its code and private link. */
export async function submit(page: Page, title: string) {
  await page.goto('/phan-anh/gui');
  await page.getByLabel('Họ và tên').fill('Đặng Văn Khoa');
  await page.getByLabel('Địa chỉ', { exact: false }).first().fill('8 Lý Thường Kiệt, phường Cửa Nam');
  await page.getByLabel('Số điện thoại').fill('0903' + String(Math.floor(Math.random() * 1e6)).padStart(6, '0'));
  await page.locator('#f-email').fill('khoa@example.vn');
  await page.getByLabel('Loại phản ánh').selectOption('regulation');
  await page.getByLabel('Tiêu đề').fill(title);
  await page
    .getByLabel('Nội dung')
    .fill('Chứng thực bản sao vẫn đòi xuất trình bản chính giấy khai sinh dù dữ liệu hộ tịch đã có trên hệ thống.');
  await page.getByLabel('Tôi đồng ý với cách xử lý thông tin cá nhân nêu dưới đây').check();
  await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
  await expect(page.getByRole('heading', { name: 'Đã gửi phản ánh' })).toBeVisible();
  const code = (await page.locator('.case-code').first().innerText()).trim();
  return { code, link: page.url().replace(/\?.*$/, '') };
}

