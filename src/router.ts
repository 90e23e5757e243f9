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
    { path: '/compare', name: 'compare', component: () => import('./views/CompareView.vue'), meta: { title: '比較' } },
    { path: '/trend', name: 'trend', component: () => import('./views/TrendView.vue'), meta: { title: '推移' } },
    { path: '/goal/:grant/:goal', name: 'goal', component: () => import('./views/GoalView.vue'), meta: { title: '目標の内訳' } },
    { path: '/simulate', name: 'simulate', component: () => import('./views/SimulatorView.vue'), meta: { title: 'シミュレーション' } },
    { path: '/data', name: 'data', component: () => import('./views/DataView.vue'), meta: { title: 'データ' } },
    { path: '/report', name: 'report', component: () => import('./views/ReportView.vue'), meta: { title: '報告書' } },
    { path: '/present', name: 'present', component: () => import('./views/PresentView.vue'), meta: { title: '会議で表示' } },
    { path: '/chart/:chart', name: 'chart', component: () => import('./views/ChartView.vue'), meta: { title: 'グラフ' } },
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
  // a new view starts at the top; a changed selection or chart setting (query only) stays put
  scrollBehavior: (to, from) => (to.path === from.path ? false : { top: 0 }),
})
