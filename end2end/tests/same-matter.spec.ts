import { test, expect, Browser } from '@playwright/test';
import { OFFICER, LEAD, act, axe, signIn, submit, watch } from './casework';

/**
 * Two citizens raise the same matter: the official opening the second is shown the first, links
 * it under it (and the link is on the record), the lead's answer is published once, and both
 * citizens read it, the first case's public page saying two people raised it.
 */
async function sameMatter(browser: Browser, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ javaScriptEnabled });
  const citizen = await context.newPage();
  const errors = watch(citizen);
  const title = `Bỏ bản sao giấy khai sinh khi chứng thực ${javaScriptEnabled ? 'JS' : 'HTML'} ${Date.now()}`;
  const first = await submit(citizen, title);
  const second = await submit(citizen, title);

  const officer = await signIn(browser, OFFICER, javaScriptEnabled);
  await officer.page.goto(`/can-bo/phan-anh/${second.code}`);
  const same = officer.page.locator('#cung-noi-dung');
  await expect(same.getByRole('heading', { name: 'Cùng nội dung' })).toBeVisible();
  await expect(same.getByRole('link', { name: first.code, exact: true })).toBeVisible();
  if (javaScriptEnabled) expect(await axe(officer.page), 'the case page with its suggestions').toEqual([]);
  await same.getByRole('button', { name: `Gộp phản ánh này vào ${first.code}` }).click();
  await expect(officer.page.getByRole('status')).toContainText('Đã gộp phản ánh vào phản ánh chính');
  await expect(officer.page.locator('#cung-noi-dung')).toContainText(`Phản ánh này đã được gộp vào ${first.code}`);
  await expect(officer.page.getByText('Gộp vào phản ánh cùng nội dung')).toBeVisible();

  await officer.page.goto(`/can-bo/phan-anh/${first.code}`);
  await expect(officer.page.locator('#cung-noi-dung')).toContainText('1 phản ánh đã được gộp vào phản ánh này');
  await act(officer.page, 'accept');
  await act(officer.page, 'claim');
  await act(officer.page, 'draft_answer', 'Sở Tư pháp đã bỏ yêu cầu bản sao giấy khai sinh.');
  const lead = await signIn(browser, LEAD, javaScriptEnabled);
  await lead.page.goto(`/can-bo/phan-anh/${first.code}`);
  await act(lead.page, 'approve');
  await act(lead.page, 'publish');
  await expect(lead.page.getByRole('status')).toHaveText('Đã công khai câu trả lời và báo cho người gửi.');

  await citizen.goto(`/phan-anh/${first.code}`);
  await expect(citizen.locator('#raised-by')).toContainText('2 người đã phản ánh cùng nội dung này');
  if (javaScriptEnabled) expect(await axe(citizen), 'the lead case public page').toEqual([]);
  await citizen.goto(second.link);
  await expect(citizen.getByText('Sở Tư pháp đã bỏ yêu cầu bản sao giấy khai sinh.')).toBeVisible();
  await citizen.goto(`/phan-anh/${second.code}`);
  await expect(citizen.getByText('được trả lời chung với phản ánh')).toBeVisible();

  const all = [...errors, ...officer.errors, ...lead.errors];
  expect(all.filter((e) => !/status of 422/.test(e))).toEqual([]);
  await Promise.all([context.close(), officer.page.context().close(), lead.page.context().close()]);
}

test('an official links the same matter and one answer reaches both, with JavaScript', async ({ browser }) => {
  test.setTimeout(120_000);
  await sameMatter(browser, true);
});

test('an official links the same matter and one answer reaches both, without JavaScript', async ({ browser }) => {
  test.setTimeout(120_000);
  await sameMatter(browser, false);
});
