/** The demo company: stores, departments, menu and people. Plain data, used by db/seed.ts. */

export const DEMO_PASSWORD = "canteen1234";
/** The demo store manager's PIN, typed on the kiosk to approve a refund. */
export const DEMO_MANAGER_PIN = "1234";

export const demoStores = [
  { code: "hq-cafe", nameKo: "본사 카페", nameEn: "HQ Cafe" },
  { code: "cafeteria", nameKo: "식당", nameEn: "Cafeteria" },
] as const;

export const demoDepartments = [
  { code: "mgmt", nameKo: "경영지원팀", nameEn: "Management Support" },
  { code: "eng", nameKo: "개발팀", nameEn: "Engineering" },
  { code: "design", nameKo: "디자인팀", nameEn: "Design" },
  { code: "sales", nameKo: "영업팀", nameEn: "Sales" },
  { code: "people", nameKo: "인사팀", nameEn: "People" },
] as const;

type Choice = { code: string; nameKo: string; nameEn: string; priceDelta: number; isDefault?: boolean };
type Group = { code: string; nameKo: string; nameEn: string; minSelect: number; maxSelect: number; choices: Choice[] };

export const cafeOptionGroups: Group[] = [
  {
    code: "temperature", nameKo: "온도", nameEn: "Temperature", minSelect: 1, maxSelect: 1,
    choices: [
      { code: "hot", nameKo: "따뜻하게", nameEn: "Hot", priceDelta: 0, isDefault: true },
      { code: "iced", nameKo: "차갑게", nameEn: "Iced", priceDelta: 0 },
    ],
  },
  {
    code: "size", nameKo: "사이즈", nameEn: "Size", minSelect: 1, maxSelect: 1,
    choices: [
      { code: "regular", nameKo: "레귤러", nameEn: "Regular", priceDelta: 0, isDefault: true },
      { code: "large", nameKo: "라지", nameEn: "Large", priceDelta: 500 },
    ],
  },
  {
    code: "shot", nameKo: "샷 추가", nameEn: "Extra shot", minSelect: 0, maxSelect: 1,
    choices: [
      { code: "shot1", nameKo: "1샷 추가", nameEn: "+1 shot", priceDelta: 500 },
      { code: "shot2", nameKo: "2샷 추가", nameEn: "+2 shots", priceDelta: 1000 },
    ],
  },
  {
    code: "syrup", nameKo: "시럽", nameEn: "Syrup", minSelect: 0, maxSelect: 2,
    choices: [
      { code: "vanilla", nameKo: "바닐라", nameEn: "Vanilla", priceDelta: 500 },
      { code: "hazelnut", nameKo: "헤이즐넛", nameEn: "Hazelnut", priceDelta: 500 },
      { code: "caramel", nameKo: "카라멜", nameEn: "Caramel", priceDelta: 500 },
    ],
  },
];

export const cafeteriaOptionGroups: Group[] = [
  {
    code: "portion", nameKo: "양", nameEn: "Portion", minSelect: 1, maxSelect: 1,
    choices: [
      { code: "normal", nameKo: "보통", nameEn: "Regular", priceDelta: 0, isDefault: true },
      { code: "large", nameKo: "곱빼기", nameEn: "Large", priceDelta: 1000 },
    ],
  },
];

type Item = { code: string; nameKo: string; nameEn: string; price: number; groups: string[] };
type Category = { code: string; nameKo: string; nameEn: string; items: Item[] };

const coffee = ["temperature", "size", "shot", "syrup"];
const drink = ["temperature", "size", "syrup"];
const cold = ["size"];

export const cafeMenu: Category[] = [
  {
    code: "coffee", nameKo: "커피", nameEn: "Coffee",
    items: [
      { code: "americano", nameKo: "아메리카노", nameEn: "Americano", price: 2500, groups: coffee },
      { code: "cafe-latte", nameKo: "카페라떼", nameEn: "Caffè Latte", price: 3500, groups: coffee },
      { code: "vanilla-latte", nameKo: "바닐라라떼", nameEn: "Vanilla Latte", price: 4000, groups: coffee },
      { code: "cappuccino", nameKo: "카푸치노", nameEn: "Cappuccino", price: 3500, groups: coffee },
      { code: "caramel-macchiato", nameKo: "카라멜마끼아또", nameEn: "Caramel Macchiato", price: 4500, groups: coffee },
      { code: "cold-brew", nameKo: "콜드브루", nameEn: "Cold Brew", price: 4000, groups: ["size", "shot"] },
      { code: "espresso", nameKo: "에스프레소", nameEn: "Espresso", price: 2000, groups: ["shot"] },
    ],
  },
  {
    code: "non-coffee", nameKo: "논커피", nameEn: "Non-coffee",
    items: [
      { code: "green-tea-latte", nameKo: "녹차라떼", nameEn: "Green Tea Latte", price: 4000, groups: drink },
      { code: "chocolate", nameKo: "초콜릿", nameEn: "Hot Chocolate", price: 4000, groups: drink },
      { code: "chamomile", nameKo: "캐모마일 티", nameEn: "Chamomile Tea", price: 3000, groups: ["temperature"] },
      { code: "earl-grey", nameKo: "얼그레이 티", nameEn: "Earl Grey Tea", price: 3000, groups: ["temperature"] },
    ],
  },
  {
    code: "ade", nameKo: "에이드·스무디", nameEn: "Ades & Smoothies",
    items: [
      { code: "lemon-ade", nameKo: "레몬에이드", nameEn: "Lemonade", price: 4500, groups: cold },
      { code: "grapefruit-ade", nameKo: "자몽에이드", nameEn: "Grapefruit Ade", price: 4500, groups: cold },
      { code: "strawberry-smoothie", nameKo: "딸기 스무디", nameEn: "Strawberry Smoothie", price: 5000, groups: cold },
    ],
  },
  {
    code: "bakery", nameKo: "베이커리", nameEn: "Bakery",
    items: [
      { code: "croissant", nameKo: "크루아상", nameEn: "Croissant", price: 3200, groups: [] },
      { code: "bagel", nameKo: "크림치즈 베이글", nameEn: "Cream Cheese Bagel", price: 3800, groups: [] },
      { code: "scone", nameKo: "스콘", nameEn: "Scone", price: 3000, groups: [] },
      { code: "sandwich", nameKo: "햄치즈 샌드위치", nameEn: "Ham & Cheese Sandwich", price: 5500, groups: [] },
      { code: "cookie", nameKo: "초코칩 쿠키", nameEn: "Chocolate Chip Cookie", price: 2000, groups: [] },
    ],
  },
];

export const cafeteriaMenu: Category[] = [
  {
    code: "korean", nameKo: "한식", nameEn: "Korean",
    items: [
      { code: "bibimbap", nameKo: "비빔밥", nameEn: "Bibimbap", price: 7000, groups: ["portion"] },
      { code: "kimchi-stew", nameKo: "김치찌개", nameEn: "Kimchi Stew", price: 7500, groups: ["portion"] },
      { code: "bulgogi", nameKo: "불고기 정식", nameEn: "Bulgogi Set", price: 9000, groups: ["portion"] },
      { code: "daily-set", nameKo: "오늘의 백반", nameEn: "Daily Set Meal", price: 6500, groups: ["portion"] },
    ],
  },
  {
    code: "noodles", nameKo: "면류", nameEn: "Noodles",
    items: [
      { code: "ramyeon", nameKo: "라면", nameEn: "Ramyeon", price: 4000, groups: [] },
      { code: "naengmyeon", nameKo: "냉면", nameEn: "Cold Noodles", price: 8000, groups: ["portion"] },
      { code: "udon", nameKo: "우동", nameEn: "Udon", price: 6000, groups: ["portion"] },
    ],
  },
  {
    code: "western", nameKo: "양식", nameEn: "Western",
    items: [
      { code: "pork-cutlet", nameKo: "돈까스", nameEn: "Pork Cutlet", price: 8500, groups: ["portion"] },
      { code: "curry", nameKo: "카레라이스", nameEn: "Curry Rice", price: 7000, groups: ["portion"] },
    ],
  },
  {
    code: "snacks", nameKo: "분식·음료", nameEn: "Snacks & Drinks",
    items: [
      { code: "gimbap", nameKo: "김밥", nameEn: "Gimbap", price: 3500, groups: [] },
      { code: "tteokbokki", nameKo: "떡볶이", nameEn: "Tteokbokki", price: 4500, groups: [] },
      { code: "soda", nameKo: "탄산음료", nameEn: "Soda", price: 1500, groups: [] },
    ],
  },
];

const surnames = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"];
const givenNames = ["민준", "서연", "도윤", "지우", "하준", "서윤", "시우", "지민", "주원", "하은", "예준", "수아", "지호", "지유", "준서"];

/** 50 employees, 10 per department, with stable names and numbers. */
export function demoEmployees() {
  return Array.from({ length: 50 }, (_, index) => {
    const n = index + 1;
    const surname = surnames[index % surnames.length] ?? "김";
    const given = givenNames[(index * 7) % givenNames.length] ?? "민준";
    const department = demoDepartments[index % demoDepartments.length] ?? demoDepartments[0];
    return {
      email: `employee${String(n).padStart(2, "0")}@canteen.dev`,
      name: `${surname}${given}`,
      employeeNo: `E${String(1000 + n)}`,
      departmentCode: department.code,
      hiredOn: `20${String(15 + (index % 10)).padStart(2, "0")}-0${1 + (index % 9)}-01`,
    };
  });
}

export const demoStaff = [
  { email: "hr@canteen.dev", name: "한인사", role: "hr_admin", storeCode: null },
  { email: "manager@canteen.dev", name: "문매니저", role: "store_manager", storeCode: "hq-cafe" },
  { email: "kiosk.cafe@canteen.dev", name: "본사 카페 키오스크", role: "barista", storeCode: "hq-cafe" },
  { email: "kiosk.cafeteria@canteen.dev", name: "식당 키오스크", role: "barista", storeCode: "cafeteria" },
] as const;
