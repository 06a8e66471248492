import { test, expect, Browser } from '@playwright/test';
import { OFFICER, LEAD, act, axe, signIn, submit, watch } from './casework';

/**
 * A citizen not satisfied with the answer asks for it to be examined again: refused without a
 * reason (said beside the field, what was typed kept), then taken, with the new date shown to
 * them, the public page marking the answer as being examined again, and the lead seeing why.
 */
async function reexamination(browser: Browser, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ javaScriptEnabled });
  const citizen = await context.newPage();
  const errors = watch(citizen);
  const title = `Xem xét lại yêu cầu bản sao (${javaScriptEnabled ? 'JS' : 'HTML'} ${Date.now()})`;
  const { code, link } = await submit(citizen, title);

  const officer = await signIn(browser, OFFICER, javaScriptEnabled);
  await officer.page.goto(`/can-bo/phan-anh/${code}`);
  await act(officer.page, 'accept');
  await act(officer.page, 'claim');
  await act(officer.page, 'draft_answer', 'Sở đang xem xét kiến nghị.');
  const lead = await signIn(browser, LEAD, javaScriptEnabled);
  await lead.page.goto(`/can-bo/phan-anh/${code}`);
  await act(lead.page, 'approve');
  await act(lead.page, 'publish');
  await expect(lead.page.getByRole('status')).toHaveText('Đã công khai câu trả lời và báo cho người gửi.');

  await citizen.goto(link);
  await expect(citizen.getByRole('heading', { name: 'Đề nghị xem xét lại' })).toHaveCount(0);
  await citizen.getByLabel('Không hài lòng', { exact: true }).check();
  await citizen.getByLabel('Lý do (bắt buộc khi không hài lòng)').fill('Câu trả lời không nói khi nào bỏ yêu cầu.');
  await citizen.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await expect(citizen.getByText('Cảm ơn bạn đã đánh giá.')).toBeVisible();
  await expect(citizen.getByRole('heading', { name: 'Đề nghị xem xét lại' })).toBeVisible();
  if (javaScriptEnabled) {
    await citizen.reload();
    expect(await axe(citizen), 'the private page with the re-examination form').toEqual([]);
  }

  const reason = citizen.getByLabel('Vì sao câu trả lời chưa giải quyết được vấn đề của bạn');
  await reason.fill('   ');
  await citizen.getByRole('button', { name: 'Gửi đề nghị xem xét lại' }).click();
  await expect(citizen.locator('#xem-xet-lai .field-error')).toHaveText('Vui lòng nhập mục này.');
  const typed = '</textarea><b>Chưa có ngày áp dụng</b>';
  await reason.fill(typed);
  await citizen.getByRole('button', { name: 'Gửi đề nghị xem xét lại' }).click();
  await expect(citizen.getByText('Đã nhận đề nghị xem xét lại.')).toBeVisible();
  await expect(citizen.getByText(/Cơ quan trả lời lại chậm nhất ngày \d\d\/\d\d\/\d{4}/)).toBeVisible();
  await expect(citizen.getByText(typed)).toBeVisible();
  await expect(citizen.getByRole('button', { name: 'Gửi đề nghị xem xét lại' })).toHaveCount(0);

  await citizen.goto(`/phan-anh/${code}`);
  await expect(citizen.locator('.official-answer')).toContainText('đang được cơ quan xem xét lại');
  await expect(citizen.locator('.official-answer')).toContainText('Sở đang xem xét kiến nghị.');
  await expect(citizen.getByText('Người gửi đề nghị xem xét lại câu trả lời')).toBeVisible();
  await expect(citizen.getByText('Chưa có ngày áp dụng')).toHaveCount(0);
  if (javaScriptEnabled) expect(await axe(citizen), 'the public page during re-examination').toEqual([]);

  await lead.page.goto(`/can-bo/phan-anh/${code}`);
  await expect(lead.page.getByText(typed, { exact: false }).first()).toBeVisible();
  await expect(lead.page.locator('.badge').first()).toBeVisible();

  const all = [...errors, ...officer.errors, ...lead.errors];
  expect(all.filter((e) => !/status of 422/.test(e))).toEqual([]);
  await Promise.all([context.close(), officer.page.context().close(), lead.page.context().close()]);
}

test('a dissatisfied citizen asks for re-examination, with JavaScript', async ({ browser }) => {
  test.setTimeout(120_000);
  await reexamination(browser, true);
});

test('a dissatisfied citizen asks for re-examination, without JavaScript', async ({ browser }) => {
  test.setTimeout(120_000);
  await reexamination(browser, false);
});
