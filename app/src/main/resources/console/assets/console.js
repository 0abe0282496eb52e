// The console's only script: live updates (Server-Sent Events) and the time slider. Every page works without it;
// it only saves reloads.
"use strict";

// Replaces an element by the fragment the server renders for it. A refusal (a moment in the future, say) is shown
// in its place; a session that ended sends the browser to the sign-in page.
function replaceWithFetched(element, url) {
    return fetch(url, {credentials: "same-origin", headers: {"Accept": "text/html"}})
        .then(response => {
            if (response.redirected) {
                window.location.reload();
                return Promise.reject(new Error("signed out"));
            }
            return response.text().then(html => ({ok: response.ok, html: html}));
        })
        .then(answer => {
            const template = document.createElement("template");
            template.innerHTML = answer.html.trim();
            if (!answer.ok) {
                const refusal = template.content.querySelector(".problem");
                const message = document.createElement("p");
                message.className = "problem";
                message.setAttribute("role", "alert");
                message.textContent = refusal ? refusal.textContent : "The ledger could not answer; try again.";
                element.replaceChildren(message);
                return element;
            }
            const fresh = template.content.firstElementChild;
            element.replaceWith(fresh);
            return fresh;
        });
}

// One handshake: the timeline grows by itself, and the slider shows the handshake at each of its records.
function handshakePage(page) {
    const slider = document.getElementById("moment-slider");
    const at = document.getElementById("at");

    function marks() {
        return Array.from(document.querySelectorAll("#timeline li[data-time]"));
    }

    function showAsOf(moment) {
        const asOf = document.getElementById("as-of");
        replaceWithFetched(asOf, asOf.dataset.asOf + "?at=" + encodeURIComponent(moment));
    }

    function fitSlider() {
        const times = marks().map(mark => mark.dataset.time);
        const wasAtEnd = Number(slider.value) === Number(slider.max);
        slider.max = String(Math.max(times.length - 1, 0));
        slider.hidden = times.length === 0;
        if (wasAtEnd || at.value === "") {
            slider.value = slider.max;
        }
        slider.setAttribute("aria-valuetext", times[Number(slider.value)] || "");
    }

    slider.addEventListener("input", () => {
        const mark = marks()[Number(slider.value)];
        if (mark) {
            at.value = mark.dataset.time;
            slider.setAttribute("aria-valuetext", mark.dataset.time);
            showAsOf(mark.dataset.time);
        }
    });
    document.getElementById("moment-form").addEventListener("submit", event => {
        if (at.value.trim() !== "") {
            event.preventDefault();
            history.replaceState(null, "", "?at=" + encodeURIComponent(at.value.trim()));
            showAsOf(at.value.trim());
        }
    });
    fitSlider();

    const live = document.getElementById("live");
    const changes = new EventSource(live.dataset.changes);
    changes.addEventListener("changed", () => {
        replaceWithFetched(document.getElementById("live"), live.dataset.live).then(fitSlider);
    });
}

// Projections: positions, lags and rebuild progress as the server sends them.
function projectionsPage(main) {
    const status = document.getElementById("live-state");
    const stream = new EventSource(main.dataset.projectionsStream);
    stream.addEventListener("projections", event => {
        const state = JSON.parse(event.data);
        document.getElementById("head").textContent = state.head;
        state.projections.forEach(projection => {
            const row = document.querySelector("#projections tr[data-name=\"" + CSS.escape(projection.name) + "\"]");
            if (!row) {
                return;
            }
            const rebuild = projection.rebuild;
            const field = name => row.querySelector("[data-field=\"" + name + "\"]");
            field("position").textContent = projection.position ?? "";
            field("lag").textContent = projection.lag ?? "";
            field("rebuild").textContent = rebuild ? rebuild.state : "none since start-up";
            field("percent").value = rebuild ? rebuild.percent : 0;
            field("percent-text").textContent = rebuild ? rebuild.percent + " %" : "";
            field("error").textContent = rebuild && rebuild.error ? rebuild.error : "";
        });
        status.textContent = "Updated live at " + new Date().toISOString() + ".";
    });
    stream.onerror = () => {
        status.textContent = "Live updates interrupted; reconnecting…";
    };
}

document.addEventListener("DOMContentLoaded", () => {
    const handshake = document.querySelector(".handshake-page");
    if (handshake) {
        handshakePage(handshake);
    }
    const projections = document.querySelector("main[data-projections-stream]");
    if (projections) {
        projectionsPage(projections);
    }
});
