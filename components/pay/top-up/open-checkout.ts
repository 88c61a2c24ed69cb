import type { PgCheckout } from "@/server/providers/payment-provider";

const TOSS_SDK = "https://js.tosspayments.com/v2/standard";

type TossSdk = (clientKey: string) => {
  payment(options: { customerKey: string }): {
    requestPayment(request: {
      method: "CARD";
      amount: { currency: "KRW"; value: number };
      orderId: string;
      orderName: string;
      successUrl: string;
      failUrl: string;
    }): Promise<void>;
  };
};

/** Sends the browser to the PG's checkout: the sandbox's page, or Toss's payment window through its SDK. */
export async function openCheckout(checkout: PgCheckout) {
  if (checkout.kind === "redirect") {
    window.location.assign(checkout.url);
    return;
  }
  const sdk = await loadToss();
  await sdk(checkout.clientKey)
    .payment({ customerKey: checkout.customerKey })
    .requestPayment({
      method: "CARD",
      amount: { currency: "KRW", value: checkout.amount },
      orderId: checkout.orderId,
      orderName: checkout.orderName,
      successUrl: checkout.successUrl,
      failUrl: checkout.failUrl,
    });
}

function loadToss(): Promise<TossSdk> {
  const existing = (window as unknown as { TossPayments?: TossSdk }).TossPayments;
  if (existing) return Promise.resolve(existing);
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = TOSS_SDK;
    script.onload = () => {
      const loaded = (window as unknown as { TossPayments?: TossSdk }).TossPayments;
      if (loaded) resolve(loaded);
      else reject(new Error("Toss Payments SDK did not load"));
    };
    script.onerror = () => reject(new Error("Toss Payments SDK did not load"));
    document.head.appendChild(script);
  });
}
