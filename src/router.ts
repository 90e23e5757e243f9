/**
 * Hash history: works from a plain file server and, later, from a single HTML file opened
 * over file:// on a closed network, with no server-side rewrite rules.
 */
import { createRouter, createWebHashHistory } from 'vue-router'
import DashboardView from './views/DashboardView.vue'

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', name: 'overview', component: DashboardView, meta: { title: '概要' } },
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
})
