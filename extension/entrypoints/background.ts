import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';

export default defineBackground(() => {
  // The pipeline runs here in a later issue; for now the worker only announces itself.
  browser.runtime.onInstalled.addListener(() => {
    console.info('CVPath installed');
  });
});
