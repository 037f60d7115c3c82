/**
 * Opens 清除标记's confirmation the way a user does and returns the dialog.
 *
 * The button is disabled while any host action runs, so the click waits for it to be enabled (a
 * click on a disabled button does nothing, for a user as for user-event). The dialog is found in the
 * DOM by its role attribute and its title: a role query over the whole pane (Fluent's DOM and style
 * sheets, in jsdom) outlasted Testing Library's wait on a loaded CI machine, and under that load the
 * surface's aria-labelledby sometimes did not resolve to the title in jsdom (the name is checked by
 * axe in the browser instead).
 */
import { screen, waitFor, within } from "@testing-library/react";
import type { UserEvent } from "@testing-library/user-event";

export async function openClearConfirmation(user: UserEvent): Promise<HTMLElement> {
  const button = await screen.findByRole("button", { name: "清除标记" });
  await waitFor(() => expect(button).toBeEnabled());
  await user.click(button);
  return waitFor(() => {
    const found = document.querySelector<HTMLElement>('[role="alertdialog"]');
    if (!found) throw new Error("no alertdialog yet");
    expect(found).toHaveTextContent("清除本助手写入的标记？");
    return found;
  });
}

/**
 * A button of that dialog. `hidden: true` because, on a loaded machine, tabster's modalizer in jsdom
 * sometimes leaves `aria-hidden="true"` on the very surface it traps focus in (seen only under load,
 * never in the browser test); the button is still the one a user clicks.
 */
export function dialogButton(dialog: HTMLElement, name: string): Promise<HTMLElement> {
  return within(dialog).findByRole("button", { name, hidden: true });
}
