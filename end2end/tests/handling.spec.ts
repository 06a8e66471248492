import { test, expect, Browser } from '@playwright/test';
import { OFFICER, LEAD, PASSWORD, act, axe, signIn, submit, watch } from './casework';

/**
 * The whole journey: a citizen submits, the officer accepts and drafts, the lead returns the draft
 * once then approves and publishes, the public page shows the answer, the citizen rates it.
 */
async function journey(browser: Browser, javaScriptEnabled: boolean) {
  const citizenContext = await browser.newContext({ javaScriptEnabled });
  const citizen = await citizenContext.newPage();
  const citizenErrors = watch(citizen);
  const title = `Bỏ yêu cầu xuất trình bản chính (${javaScriptEnabled ? 'JS' : 'HTML'} ${Date.now()})`;
  const { code, link } = await submit(citizen, title);

  const officer = await signIn(browser, OFFICER, javaScriptEnabled);
  await officer.page.getByLabel('Tìm trong tiêu đề, nội dung').fill(title.slice(-14, -1));
  await officer.page.getByRole('button', { name: 'Lọc' }).click();
  await officer.page.getByRole('link', { name: code }).click();
  await expect(officer.page.locator('.case-title')).toHaveText(title);
  await expect(officer.page.getByText('khoa@example.vn')).toBeVisible();
  await act(officer.page, 'accept');
  await expect(officer.page.getByRole('status')).toHaveText('Đã tiếp nhận phản ánh.');
  await act(officer.page, 'claim');
  if (javaScriptEnabled) {
    // Hydrated: a template goes into the answer with one click.
    await officer.page.locator('details.templates summary').click();
    await officer.page.getByRole('button', { name: 'Dùng mẫu này' }).first().click();
    await expect(officer.page.locator('#f-draft_answer-text')).toHaveValue(/Sở Tư pháp thành phố Hà Nội cảm ơn/);
  }
  await act(officer.page, 'draft_answer', 'Sở đã kiến nghị bỏ yêu cầu.');

  const lead = await signIn(browser, LEAD, javaScriptEnabled);
  await lead.page.goto(`/can-bo/phan-anh/${code}`);
  await expect(lead.page.getByText('Sở đã kiến nghị bỏ yêu cầu.').first()).toBeVisible();
  // A blank reason is refused, said at the top of the page.
  await act(lead.page, 'return', '   ');
  await expect(lead.page.locator('#action-error')).toContainText('Vui lòng nhập đủ nội dung');
  await act(lead.page, 'return', 'Nêu rõ số văn bản kiến nghị và thời điểm áp dụng.');
  await expect(lead.page.getByRole('status')).toHaveText('Đã trả lại dự thảo để sửa.');

  const answer = 'Sở Tư pháp đã có Công văn 512/STP kiến nghị bỏ yêu cầu xuất trình bản chính từ ngày 01/01/2027.';
  await officer.page.goto(`/can-bo/phan-anh/${code}`);
  await expect(officer.page.getByText('Nêu rõ số văn bản kiến nghị').first()).toBeVisible();
  await act(officer.page, 'draft_answer', answer);
  await lead.page.goto(`/can-bo/phan-anh/${code}`);
  await act(lead.page, 'approve');
  await act(lead.page, 'publish');
  await expect(lead.page.getByRole('status')).toHaveText('Đã công khai câu trả lời và báo cho người gửi.');

  await citizen.goto(`/phan-anh/${code}`);
  await expect(citizen.locator('.official-answer')).toContainText(answer);
  await expect(citizen.getByText('khoa@example.vn')).toHaveCount(0);
  await expect(citizen.getByText('Đặng Văn Khoa')).toHaveCount(0);
  await citizen.goto('/phan-anh?q=xuat+trinh+ban+chinh');
  await expect(citizen.getByRole('link', { name: title })).toBeVisible();

  await citizen.goto(link);
  await citizen.getByLabel('Hài lòng', { exact: true }).check();
  await citizen.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await expect(citizen.getByText('Cảm ơn bạn đã đánh giá.')).toBeVisible();
  await lead.page.goto(`/can-bo/phan-anh/${code}`);
  await expect(lead.page.getByText('Hài lòng', { exact: true }).first()).toBeVisible();

  const errors = [...citizenErrors, ...officer.errors, ...lead.errors];
  expect(errors.filter((e) => !/422|409/.test(e))).toEqual([]);
  await Promise.all([citizenContext.close(), officer.page.context().close(), lead.page.context().close()]);
}

test('a case goes from submission to a rated public answer, with JavaScript', async ({ browser }) => {
  test.setTimeout(120_000);
  await journey(browser, true);
});

test('a case goes from submission to a rated public answer, without JavaScript', async ({ browser }) => {
  test.setTimeout(120_000);
  await journey(browser, false);
});

test('a lead ticks every row at once once the queue has hydrated, and assigns them', async ({ browser, page }) => {
  // Two new cases of the lead's agency, named so they can be found again.
  const mark = `Giao hàng loạt ${Date.now()}`;
  const codes = [(await submit(page, `${mark} A`)).code, (await submit(page, `${mark} B`)).code];
  const lead = await signIn(browser, LEAD, true);
  await lead.page.goto(`/can-bo?xem=moi&q=${encodeURIComponent(mark)}`);
  await expect(lead.page.locator('html[data-hydrated]')).toHaveCount(1);
  const boxes = lead.page.locator('tbody input[type=checkbox]');
  await expect(boxes).toHaveCount(2);
  await lead.page.getByLabel('Chọn tất cả').check();
  for (let i = 0; i < 2; i++) await expect(boxes.nth(i)).toBeChecked();
  await lead.page.getByLabel('Giao các phản ánh đã chọn cho').selectOption({ label: 'Nguyễn Thu Hà' });
  await lead.page.getByRole('button', { name: 'Giao việc' }).click();
  for (const code of codes) {
    await lead.page.goto(`/can-bo/phan-anh/${code}`);
    await expect(lead.page.locator('main')).toContainText('Nguyễn Thu Hà');
    await expect(lead.page.locator('main')).toContainText('Giao cán bộ xử lý');
  }
  expect(lead.errors).toEqual([]);
});

test('axe-core finds no violation on the staff and public answer pages', async ({ browser, page }) => {
  test.setTimeout(180_000);
  const { code } = await submit(page, 'Kiểm tra khả năng tiếp cận trang cán bộ');
  const pages = ['/can-bo', `/can-bo/phan-anh/${code}`, '/can-bo?xem=qua-han&q=khong+co+gi', '/can-bo/mat-khau'];
  // Hydrated, and as the server renders them (the bundle blocked; axe itself needs scripts).
  for (const hydrate of [true, false]) {
    const officer = await signIn(browser, OFFICER, true);
    if (!hydrate) await officer.page.route('**/*.wasm', (route) => route.abort());
    for (const path of pages) {
      await officer.page.goto(path);
      expect(await axe(officer.page), `${path} (hydrated: ${hydrate})`).toEqual([]);
    }
    await officer.page.context().close();
  }
  // The administration, hydrated.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await admin.goto('/can-bo/dang-nhap');
  await admin.getByLabel('Thư điện tử công vụ').fill('quantri@demo.civicdesk.vn');
  await admin.getByLabel('Mật khẩu').fill(PASSWORD);
  await admin.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(admin).toHaveURL(/\/quan-tri$/);
  expect(await axe(admin), '/quan-tri').toEqual([]);
  await adminContext.close();
  for (const path of ['/can-bo/dang-nhap', '/phan-anh', `/phan-anh/${code}`, '/tinh-han?nhan=2026-02-13T09%3A30&han=5']) {
    await page.goto(path);
    expect(await axe(page), path).toEqual([]);
  }
});
