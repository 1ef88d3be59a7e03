import {App} from "@odoo/owl";
import {rpcBus} from "@web/core/network/rpc";
import {startClickEverywhere} from "@web/webclient/clickbot/clickbot_loader";

/**
 * Click everywhere in an app as the logged-in user (issue #25), driven by tests/crawl.
 *
 * - `walk(login, app)`: every menu of the app, every view of each menu's action, and the first
 *   record of the first view opened in its form; at desktop width as at phone width, where the
 *   menus are in the app sidebar and the view switcher is a dropdown (Odoo's clickbot knows
 *   neither).
 * - `clickbot(login, app)`: Odoo's own clickbot on the app, in its full mode (every menu, every
 *   view, every filter of each view), as web's test_click_everywhere runs it.
 *
 * Either way every error is logged with the role, the menu, the view and the last click, so the
 * failing test names them: Odoo's error service logs any error it shows (an error dialog, an
 * access error, a crash of a component) with console.error, which fails the test.
 */

export const SUCCESS = "click everywhere succeeded";
const where = {role: "", menu: "(app)", view: "", click: ""};

/** An error and its causes, with the server's message (an access error's text). */
function describe(error) {
    const parts = [];
    for (let cause = error; cause && parts.length < 5; cause = cause.cause) {
        const server =
            cause.data?.message && `${cause.data.name}: ${cause.data.message}`;
        parts.push(server || cause.message || String(cause));
    }
    return parts.join(" <- ");
}

function trackContext(login) {
    where.role = login;
    const env = odoo.__WOWL_DEBUG__.root.env;
    const log = console.log.bind(console);
    const error = console.error.bind(console);
    console.log = (...args) => {
        const text = String(args[0]);
        const menu = text.match(/^Testing (?:app )?menu:? (.*)$/);
        if (menu) {
            where.menu = menu[1];
            where.view = "";
        } else if (text.startsWith("Testing view switch: ")) {
            where.view = text.slice("Testing view switch: ".length) + " (opening)";
        } else if (text.startsWith("Clicking on: ")) {
            where.click = text.slice("Clicking on: ".length);
        }
        log(...args);
    };
    console.error = (...args) =>
        error(
            `[click everywhere] role ${where.role} | menu ${where.menu} | view ${where.view} | ` +
                `last click ${where.click}\n` +
                args
                    .map((arg) => (arg instanceof Error ? describe(arg) : arg))
                    .join(" ")
        );
    env.bus.addEventListener("ACTION_MANAGER:UI-UPDATED", () => {
        const controller = env.services.action.currentController;
        if (controller) {
            const model = controller.props?.resModel || controller.action.tag || "";
            where.view = `${model} ${controller.view?.type || controller.action.type}`;
        }
    });
}

export function clickbot(login, app) {
    trackContext(login);
    startClickEverywhere(app);
}

// ------------------------------------------------------------------ the phone walk
const pending = {};
let uiUpdates = 0;

function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

async function settle(condition = () => true, what = "the screen") {
    const busy = () =>
        Object.keys(pending).length ||
        [...App.apps].some((app) => app.scheduler.tasks.size);
    for (let waited = 0; waited < 30000; waited += 25) {
        const dialog = document.querySelector(".o_error_dialog");
        if (dialog) {
            throw new Error(`error dialog: ${dialog.innerText}`);
        }
        if (condition() && !busy()) {
            await sleep(50); // Let a rendering started by the last answer begin
            if (condition() && !busy()) {
                return;
            }
        }
        await sleep(25);
    }
    throw new Error(`timeout waiting for ${what}`);
}

async function click(selector, description) {
    await settle(() => document.querySelector(selector), description);
    const target = document.querySelector(selector);
    where.click = description;
    console.log(`Clicking on: ${description}`);
    for (const type of ["pointerdown", "mousedown", "pointerup", "mouseup", "click"]) {
        target.dispatchEvent(new MouseEvent(type, {bubbles: true, cancelable: true}));
    }
}

async function openMenu(menu, description) {
    const env = odoo.__WOWL_DEBUG__.root.env;
    const before = uiUpdates;
    where.view = `action ${menu.actionID} (opening)`;
    if (env.isSmall) {
        // On a phone the menus are in the app sidebar.
        await click(".o_main_navbar .o_menu_toggle", "the app sidebar");
        await settle(
            () => document.querySelector(".o_app_menu_sidebar"),
            "the app sidebar"
        );
        if (
            !document.querySelector(
                `.o_app_menu_sidebar [data-menu-xmlid="${menu.xmlid}"]`
            )
        ) {
            await click(
                ".o_app_menu_sidebar .o_sidebar_topbar a.btn-primary",
                "All Apps"
            );
        }
        await click(
            `.o_app_menu_sidebar li[data-menu-xmlid="${menu.xmlid}"]`,
            description
        );
    } else {
        // What a click in the menu bar (or its dropdowns) does.
        where.click = description;
        console.log(`Clicking on: ${description}`);
        await env.services.menu.selectMenu(menu);
    }
    await settle(
        () =>
            uiUpdates !== before ||
            document.querySelector(".o_dialog:not(.o_error_dialog)"),
        description
    );
    if (document.querySelector(".o_dialog:not(.o_error_dialog)")) {
        await click(
            ".o_dialog:not(.o_error_dialog) .btn-close",
            "the dialog's close button"
        );
        await settle(() => !document.querySelector(".o_dialog"), "the dialog to close");
        return false;
    }
    return true;
}

async function openFirstRecord(controller) {
    // Not a record of the sample data an empty view shows, nor in an action without a form.
    if (
        !(controller.views || []).some((view) => view.type === "form") ||
        document.querySelector(".o_action_manager .o_view_sample_data")
    ) {
        return false;
    }
    // A plain cell: not a toggle, a button or a link, which act instead of opening.
    const record = document.querySelector(
        ".o_action_manager .o_kanban_record:not(.o_kanban_ghost):not(.o_kanban_quick_create), " +
            ".o_action_manager .o_list_view .o_data_row > td.o_data_cell:not(:has(input, button, a))"
    );
    if (!record) {
        return false;
    }
    const before = uiUpdates;
    const editing = () =>
        document.querySelector(".o_action_manager .o_data_row.o_selected_row");
    where.click = "the first record";
    console.log("Clicking on: the first record");
    record.click();
    // An editable list edits the row in place instead.
    await settle(() => uiUpdates !== before || editing(), "the record's form");
    return !editing();
}

async function switchView(index, type) {
    const env = odoo.__WOWL_DEBUG__.root.env;
    const before = uiUpdates;
    where.view = `${type} (opening)`;
    if (env.isSmall) {
        // On a phone the view switcher is a dropdown of the action's views, in their order.
        await click(
            ".o_control_panel .o_cp_switch_buttons button",
            "the view switcher"
        );
        await settle(
            () => document.querySelector(".o-dropdown--menu .dropdown-item"),
            "views"
        );
        where.click = `${type} in the view switcher`;
        console.log(`Clicking on: ${type} in the view switcher`);
        document.querySelectorAll(".o-dropdown--menu .dropdown-item")[index].click();
    } else {
        await click(
            `.o_control_panel .o_switch_view.o_${type}`,
            `${type} view switcher`
        );
    }
    await settle(() => uiUpdates !== before, `the ${type} view`);
    const opened = env.services.action.currentController?.view?.type;
    if (opened !== type) {
        throw new Error(
            `the view switcher opened the ${opened} view instead of ${type}`
        );
    }
}

async function testViews() {
    const env = odoo.__WOWL_DEBUG__.root.env;
    const controller = env.services.action.currentController;
    const views = (controller?.views || []).filter((view) => view.multiRecord);
    const first = controller?.view?.type;
    if (controller && (await openFirstRecord(controller))) {
        await env.services.action.restore(); // Back from the record to its list
        await settle();
    }
    for (const [index, view] of views.entries()) {
        if (view.type !== first) {
            await switchView(index, view.type);
        }
    }
}

async function walkApp(login, appXmlid) {
    const env = odoo.__WOWL_DEBUG__.root.env;
    rpcBus.addEventListener(
        "RPC:REQUEST",
        ({detail}) => (pending[detail.data.id] = detail.url)
    );
    rpcBus.addEventListener(
        "RPC:RESPONSE",
        ({detail}) => delete pending[detail.data.id]
    );
    env.bus.addEventListener("ACTION_MANAGER:UI-UPDATED", () => uiUpdates++);
    const app = env.services.menu.getApps().find((menu) => menu.xmlid === appXmlid);
    if (!app) {
        throw new Error(`${login} does not see the app ${appXmlid}`);
    }
    const menus = [app];
    const collect = (menu) => {
        if (menu.actionID) {
            menus.push(menu);
        }
        menu.childrenTree.forEach(collect);
    };
    env.services.menu.getMenuAsTree(app.id).childrenTree.forEach(collect);
    for (const menu of menus) {
        where.menu = `${menu.name} ${menu.xmlid}`;
        where.view = "";
        console.log(`Testing menu ${where.menu}`);
        if (await openMenu(menu, `menu item "${menu.name}"`)) {
            await testViews();
        }
    }
    const width = env.isSmall ? "phone" : "desktop";
    console.log(`Tested ${menus.length} menus of ${appXmlid} at ${width} width`);
}

export function walk(login, app) {
    trackContext(login);
    let walking = true;
    // A page that reloads (a redirection, an error handler switching companies) ends the walk.
    window.addEventListener(
        "beforeunload",
        () => walking && console.error("the page reloads")
    );
    setTimeout(async () => {
        try {
            await walkApp(login, app);
            // Odoo's test browser unregisters the service worker as it stops and gives that
            // 10 s; on a loaded machine it took longer and failed a finished walk: done here.
            const workers = await navigator.serviceWorker?.getRegistrations();
            await Promise.all((workers || []).map((worker) => worker.unregister()));
            walking = false;
            console.log(SUCCESS);
        } catch (error) {
            console.error(error);
        }
    }, 500);
}
