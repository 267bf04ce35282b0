// The PWA's build: two entries (index.html for supervisors, survey.html for villagers, kept apart so a
// villager's phone loads only the survey), an offline page, and a workbox service worker of our own
// (sw.ts) into which vite-plugin-pwa injects the precache manifest. Output: web/dist/.
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/',
  publicDir: here('public'),
  logLevel: 'warn',
  build: {
    outDir: here('../dist'),
    emptyOutDir: true,
    target: 'es2020',
    rollupOptions: {
      input: {
        index: here('index.html'),
        survey: here('survey.html'),
        offline: here('offline.html'),
      },
    },
  },
  plugins: [
    preact(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: '.',
      filename: 'sw.ts',
      injectRegister: false,
      registerType: 'prompt',
      manifest: {
        name: '驻村 — 驻村干部管理',
        short_name: '驻村',
        description: '驻村干部管理：满意度测评、预警、请假、教育整改 / Village-stationed cadres',
        lang: 'zh-CN',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#b3261e',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: '/icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'],
      },
    }),
  ],
});
