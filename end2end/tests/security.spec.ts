import { test, expect, Browser, Page } from '@playwright/test';

const COORDINATOR = 'vanphong@demo.civicdesk.vn';
const ADMIN = 'quantri@demo.civicdesk.vn';
const PASSWORD = 'civicdesk-demo';
/** The break-out that once ran as script in an official's session. */
const BREAKOUT = 'Nội dung</textarea><script>alert(1)</script><textarea>';

/**
 * Records what the page must never do: break its Content-Security-Policy, log an error (a
 * hydration error, a refused script), or open a dialog (a planted script running).
 */
async function watch(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('dialog', (d) => {
    problems.push(`a dialog opened: ${d.message()}`);
    void d.dismiss();
  });
  return problems;
}

/** Opens `path` and waits until the page has hydrated under its policy. */
async function visitHydrated(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(400);
  const policy = response?.headers()['content-security-policy'] ?? '';
  expect(policy, path).toContain("'nonce-");
  expect(policy, path).not.toContain('unsafe-inline');
  await expect(page.locator('html[data-hydrated]'), `${path} hydrates`).toHaveCount(1);
}

async function signIn(browser: Browser, email: string, javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  const problems = await watch(page);
  await page.goto('/can-bo/dang-nhap');
  await page.getByLabel('Thư điện tử công vụ').fill(email);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(/\/(can-bo|quan-tri)$/);
  return { page, problems };
}

test('every kind of public page hydrates under its Content-Security-Policy', async ({ page }) => {
  const problems = await watch(page);
  await visitHydrated(page, '/co-quan');
  const agency = await page.locator('main a[href^="/co-quan/"]').first().getAttribute('href');
  for (const path of [
    '/',
    '/thu-tuc?q=khai+sinh',
    '/thu-tuc/1.001193',
    '/co-quan',
    agency!,
    '/phan-anh/gui',
    '/phan-anh/tra-cuu',
    '/phan-anh',
    '/tinh-han',
    '/can-bo/dang-nhap',
    '/en/thu-tuc/1.001193',
  ]) {
    await visitHydrated(page, path);
  }
  expect(problems).toEqual([]);
});

test('a planted break-out stays text for the citizen and the official, rendered or hydrated', async ({ browser }) => {
  const context = await browser.newContext();
  const citizen = await context.newPage();
  const citizenProblems = await watch(citizen);
  await visitHydrated(citizen, '/phan-anh/gui');
  const title = `Văn bản chứa mã (${Date.now()})`;
  await citizen.getByLabel('Họ và tên').fill('Lưu Thị Hạnh');
  await citizen.getByLabel('Địa chỉ', { exact: false }).first().fill('4 Hàng Khay, phường Hoàn Kiếm');
  await citizen.getByLabel('Số điện thoại').fill('0904' + String(Math.floor(Math.random() * 1e6)).padStart(6, '0'));
  await citizen.getByLabel('Loại phản ánh').selectOption('regulation');
  await citizen.getByLabel('Tiêu đề').fill(title);
  await citizen.getByLabel('Nội dung').fill(BREAKOUT);
  await citizen.getByLabel('Tôi đồng ý với cách xử lý thông tin cá nhân nêu dưới đây').check();
  await citizen.getByRole('button', { name: 'Gửi phản ánh' }).click();
  await expect(citizen.getByRole('heading', { name: 'Đã gửi phản ánh' })).toBeVisible();
  await expect(citizen.locator('html[data-hydrated]')).toHaveCount(1);
  const code = (await citizen.locator('.case-code').first().innerText()).trim();
  await expect(citizen.getByText(BREAKOUT)).toBeVisible();
  expect(citizenProblems).toEqual([]);

  const { page, problems } = await signIn(browser, COORDINATOR);
  // Rendered in the browser: from the queue, by the client-side router.
  await page.getByLabel('Tìm trong tiêu đề, nội dung').fill(title.slice(-14, -1));
  await page.getByRole('button', { name: 'Lọc' }).click();
  await page.getByRole('link', { name: code }).click();
  await expect(page.locator('.case-title')).toHaveText(title);
  await expect(page.locator('form.action-redact textarea[name=content]')).toHaveValue(BREAKOUT);
  // Rendered on the server, then hydrated.
  await visitHydrated(page, `/can-bo/phan-anh/${code}`);
  await expect(page.locator('form.action-redact textarea[name=content]')).toHaveValue(BREAKOUT);
  expect(await page.locator('script:not([nonce])').count()).toBe(0);
  expect(problems).toEqual([]);
});

test('the staff pages hydrate under their policy', async ({ browser }) => {
  const { page, problems } = await signIn(browser, COORDINATOR);
  await visitHydrated(page, '/can-bo');
  await visitHydrated(page, '/can-bo/ghi-nhan');
  const admin = await signIn(browser, ADMIN);
  await visitHydrated(admin.page, '/quan-tri');
  expect(problems).toEqual([]);
  expect(admin.problems).toEqual([]);
});

const OFFICER = 'chuyenvien.tuphap@demo.civicdesk.vn';
const LEAD = 'lanhdao.tuphap@demo.civicdesk.vn';

/** Takes the action whose form has class `action-{name}`, opening its panel if folded. */
async function act(page: Page, name: string, fields: Record<string, string> = {}) {
  const form = page.locator(`form.action-${name}`);
  if (!(await form.isVisible())) await page.locator('details.action', { has: form }).locator('summary').click();
  for (const [field, value] of Object.entries(fields)) await form.locator(`[name=${field}]`).fill(value);
  await form.locator('button[type=submit]').click();
}

for (const javaScriptEnabled of [true, false]) {
  test(`a phone number in the question holds back the answer until it is redacted, ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const citizen = await context.newPage();
    const phone = '0905' + String(Math.floor(Math.random() * 1e6)).padStart(6, '0');
    const title = `Bản sao chứng thực (${Date.now()})`;
    await citizen.goto('/phan-anh/gui');
    await citizen.getByLabel('Họ và tên').fill('Trương Văn Bảo');
    await citizen.getByLabel('Địa chỉ', { exact: false }).first().fill('2 Tràng Thi, phường Hoàn Kiếm');
    await citizen.getByLabel('Số điện thoại').fill(phone);
    await citizen.getByLabel('Loại phản ánh').selectOption('regulation');
    await citizen.getByLabel('Tiêu đề').fill(title);
    await citizen.getByLabel('Nội dung').fill(`Vẫn phải nộp bản sao có chứng thực. Xin gọi lại cho tôi: ${phone}.`);
    await citizen.getByLabel('Tôi đồng ý với cách xử lý thông tin cá nhân nêu dưới đây').check();
    await citizen.getByRole('button', { name: 'Gửi phản ánh' }).click();
    const code = (await citizen.locator('.case-code').first().innerText()).trim();

    const { page: officer } = await signIn(browser, OFFICER, javaScriptEnabled);
    await officer.goto(`/can-bo/phan-anh/${code}`);
    const findings = officer.locator('#personal-data');
    await expect(findings).toContainText(`“${phone}” trong nội dung: số điện thoại của người gửi`);
    await act(officer, 'accept');
    await act(officer, 'claim');
    await act(officer, 'draft_answer', { text: 'Sở Tư pháp đã bỏ yêu cầu này.' });

    const { page: lead } = await signIn(browser, LEAD, javaScriptEnabled);
    await lead.goto(`/can-bo/phan-anh/${code}`);
    await act(lead, 'approve');
    await expect(lead.locator('#action-error')).toContainText('còn thông tin trông giống thông tin cá nhân');
    await expect(lead.locator('#personal-data')).toContainText(phone);

    await officer.goto(`/can-bo/phan-anh/${code}`);
    await expect(officer.locator('form.action-redact'), 'the redaction form shows what was found').toContainText(phone);
    await act(officer, 'redact', { content: 'Vẫn phải nộp bản sao có chứng thực. Xin gọi lại cho tôi: [đã che].' });
    await expect(officer.getByRole('status')).toHaveText('Đã lưu nội dung công khai.');
    await expect(officer.locator('#personal-data')).toHaveCount(0);
    await lead.goto(`/can-bo/phan-anh/${code}`);
    await act(lead, 'approve');
    await expect(lead.getByRole('status')).toHaveText('Đã duyệt câu trả lời.');
    await act(lead, 'publish');
    await citizen.goto(`/phan-anh/${code}`);
    await expect(citizen.locator('.case-content').first()).toContainText('[đã che]');
    expect(await citizen.content()).not.toContain(phone);
    await Promise.all([context.close(), officer.context().close(), lead.context().close()]);
  });
}

for (const javaScriptEnabled of [true, false]) {
  test(`an official changes their own password, ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, async ({ browser, baseURL }) => {
    // A fresh account, so that the demo accounts other tests use keep their password.
    const { page: admin } = await signIn(browser, ADMIN);
    const csrf = await admin.locator('input[name=csrf]').first().inputValue();
    const email = `doi.matkhau.${javaScriptEnabled ? 'js' : 'html'}.${Date.now()}@tinh.gov.vn`;
    const created = await admin.request.post('/quan-tri', {
      headers: { Origin: baseURL! },
      form: { csrf, action: 'add_account', email, name: 'Ngô Thị Lan', role: 'officer', agency: 'HN-STP', password: 'mat-khau-ban-dau' },
      maxRedirects: 0,
    });
    expect(created.status()).toBe(303);

    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const problems = await watch(page);
    await page.goto('/can-bo/dang-nhap');
    await page.getByLabel('Thư điện tử công vụ').fill(email);
    await page.getByLabel('Mật khẩu').fill('mat-khau-ban-dau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('link', { name: 'Đổi mật khẩu' }).click();
    await page.getByLabel('Mật khẩu đang dùng').fill('khong-phai-mat-khau');
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('mat-khau-moi-dai');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-moi-dai');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await expect(page.locator('#password-error')).toHaveText('Mật khẩu đang dùng không đúng.');
    await expect(page.getByLabel('Mật khẩu mới', { exact: true })).toHaveValue('');
    await page.getByLabel('Mật khẩu đang dùng').fill('mat-khau-ban-dau');
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('mat-khau-moi-dai');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-moi-dai');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await expect(page.getByRole('status')).toHaveText('Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc.');
    expect(problems.filter((p) => !/422/.test(p))).toEqual([]);
    await Promise.all([context.close(), admin.context().close()]);
  });
}
