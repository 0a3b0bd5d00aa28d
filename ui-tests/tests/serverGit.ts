/**
 * The Jupyter server's root folder and its git repository, where local reviews commit.
 */
import { IJupyterLabPageFixture } from '@jupyterlab/galata';
import { execFileSync } from 'child_process';

export async function serverRoot(
  page: IJupyterLabPageFixture
): Promise<string> {
  const config = await page.locator('#jupyter-config-data').textContent();
  return JSON.parse(config ?? '{}').serverRoot;
}

export function git(root: string, ...args: string[]): string {
  return execFileSync('git', ['-C', root, ...args], { encoding: 'utf-8' });
}
